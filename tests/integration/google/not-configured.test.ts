import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { Browser, team } from "../api/http";

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;

beforeAll(async () => {
  // Offline by default: this process has no Google OAuth client.
  delete process.env.GOOGLE_CLIENT_ID;
  delete process.env.GOOGLE_CLIENT_SECRET;
  // …and no sandbox Google to offer instead (sandbox.test.ts covers that).
  process.env.KILN_SANDBOX = "false";
  t = await team();
});
afterAll(() => closeDatabase());

describe("Google without an OAuth client on the server", () => {
  it("says it is not configured and what to register, for every member", async () => {
    for (const person of [t.rep, t.owner]) {
      const overview = await person.browser.get("/api/v1/integrations/google");
      expect(overview.status).toBe(200);
      expect(overview.body).toEqual({
        configured: false,
        sandbox: false,
        redirectUri: "http://localhost:3000/api/oauth/google/callback",
        connection: null,
      });
    }
  });

  it("Connect leads back to Settings → Integrations with the reason, not to Google", async () => {
    const start = await t.rep.browser.get("/api/oauth/google/start?parts=gmail");
    expect(start.status).toBe(303);
    const back = new URL(start.headers.get("location")!);
    expect(back.pathname).toBe("/settings/integrations");
    expect(Object.fromEntries(back.searchParams)).toEqual({ google_error: "not_configured" });
  });

  it("an unknown part, a signed-out visitor and switching parts without a connection are refused", async () => {
    expect((await t.rep.browser.get("/api/oauth/google/start?parts=drive")).status).toBe(422);
    expect((await t.rep.browser.patch("/api/v1/integrations/google", { gmail: true })).status).toBe(404);
    expect((await t.rep.browser.delete("/api/v1/integrations/google")).status).toBe(404);
    const signedOut = await new Browser().get("/api/oauth/google/start");
    expect(new URL(signedOut.headers.get("location")!).pathname).toBe("/sign-in");
    expect((await new Browser().get("/api/v1/integrations/google")).status).toBe(401);
  });

  it("the sandbox Google does not exist: its routes answer 404 to everyone", async () => {
    for (const path of [
      "/o/oauth2/v2/auth?client_id=kiln-sandbox.apps.googleusercontent.test",
      "/calendar/v3/calendars/primary/events",
    ])
      expect((await t.rep.browser.get(`/api/sandbox/google${path}`)).status).toBe(404);
    expect((await t.rep.browser.post("/api/sandbox/google/token", undefined)).status).toBe(404);
  });
});
