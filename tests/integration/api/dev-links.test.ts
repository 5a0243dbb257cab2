import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Browser, signUpPerson, uniqueEmail } from "./http";

/**
 * Development without SMTP: the reset and sign-up links are shown in the answer, but only to
 * a request from this machine. This file runs as `next dev` would (NODE_ENV=development),
 * set before the first env() read.
 */
(process.env as Record<string, string>).NODE_ENV = "development";
afterAll(() => closeDatabase());

describe("links shown in development without SMTP", () => {
  it("runs as development without SMTP", () => {
    expect(env().NODE_ENV).toBe("development");
    expect(env().SMTP_URL).toBeUndefined();
  });

  it("shows the password reset link to a loopback request (IPv4 and IPv6)", async () => {
    const person = await signUpPerson({ prefix: "devreset" });
    // Three requests: the most one address may ask for within the hour.
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const response = await new Browser({}, { address }).post("/api/auth/password-reset", { email: person.email });
      expect(response.status).toBe(202);
      expect(response.body.devLink, address).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=/);
    }
  });

  it("never shows the reset link to a request from another machine, nor when the loopback address is only claimed further up the chain", async () => {
    const person = await signUpPerson({ prefix: "devremote" });
    // Three requests in all: the most one address may ask for within the hour.
    for (const address of ["192.168.1.20", "203.0.113.5"]) {
      const response = await new Browser({}, { address }).post("/api/auth/password-reset", { email: person.email });
      expect(response.status).toBe(202);
      expect(response.body, address).toEqual({ ok: true });
    }
    const spoofed = await new Browser().post(
      "/api/auth/password-reset",
      { email: person.email },
      { headers: { "x-forwarded-for": "127.0.0.1, 203.0.113.5" } },
    );
    expect(spoofed.body).toEqual({ ok: true });
  });

  it("shows the sign-up link to a loopback request only", async () => {
    const local = await new Browser({}, { address: "127.0.0.1" }).post("/api/auth/sign-up", {
      fullName: "Local",
      email: uniqueEmail("devsignup"),
      password: "correct horse battery",
    });
    expect(local.status).toBe(202);
    expect(local.body.devLink).toMatch(/^http:\/\/localhost:3000\/sign-up\/confirm\?token=/);
    const remote = await new Browser().post("/api/auth/sign-up", {
      fullName: "Remote",
      email: uniqueEmail("devsignup"),
      password: "correct horse battery",
    });
    expect(remote.body).toEqual({ ok: true, confirmEmail: true });
  });
});
