import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as profile from "@/app/api/v1/profile/route";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { APP_ORIGIN, signUpPerson, type Person } from "./http";

/**
 * The same-origin check for cookie-carrying state changes trusts APP_URL only, never what the
 * request says about itself (Host, X-Forwarded-Host, X-Forwarded-Proto, or the URL Next.js
 * builds from them).
 */
afterAll(() => closeDatabase());

let person: Person;
beforeAll(async () => {
  expect(new URL(env().APP_URL).origin).toBe(APP_ORIGIN);
  person = await signUpPerson({ prefix: "csrf", fullName: "Original Name" });
});

const fullName = async () => (await person.browser.get("/api/me")).body.user.fullName as string;

describe("the same-origin check of cookie-carrying requests", () => {
  it("a cookie-carrying POST with Origin https://evil.example and X-Forwarded-Host evil.example is refused 403", async () => {
    const response = await person.browser.patch(
      "/api/v1/profile",
      { fullName: "Forged" },
      { origin: "https://evil.example", headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } },
    );
    expect(response.status).toBe(403);
    expect(await fullName()).toBe("Original Name");
  });

  it("is refused as well when the request's own URL and Host name the foreign origin, as Next.js builds them behind a proxy that forwards the header", async () => {
    const forged = new Request("https://evil.example/api/v1/profile", {
      method: "PATCH",
      headers: {
        "content-type": "application/json",
        cookie: `kiln_session=${person.browser.cookie("kiln_session")}`,
        origin: "https://evil.example",
        host: "evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ fullName: "Forged" }),
    });
    const response = await profile.PATCH(forged);
    expect(response.status).toBe(403);
    expect(await fullName()).toBe("Original Name");
  });

  it("accepts our own origin, and the other loopback spellings of a loopback APP_URL on the same port", async () => {
    for (const origin of [APP_ORIGIN, "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      const response = await person.browser.patch("/api/v1/profile", { fullName: `Via ${origin}` }, { origin });
      expect(response.status, origin).toBe(200);
    }
    expect(await fullName()).toBe("Via http://[::1]:3000");
  });

  it("refuses loopback on another port or scheme, and a look-alike host", async () => {
    for (const origin of [
      "http://127.0.0.1:3001",
      "https://localhost:3000",
      "http://localhost.evil.example:3000",
      "null",
    ]) {
      const response = await person.browser.patch("/api/v1/profile", { fullName: "Forged" }, { origin });
      expect(response.status, origin).toBe(403);
    }
    expect(await fullName()).toBe("Via http://[::1]:3000");
  });
});
