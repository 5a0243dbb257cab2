import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { closeDatabase } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { APP_ORIGIN, Browser, joinAs, signUpPerson, type Person } from "./http";

afterAll(() => closeDatabase());

/** Calls a handler built in the test as `browser` would (its cookies, our own origin). */
async function call(handler: (request: Request) => Promise<Response>, browser: Browser, body?: unknown) {
  const session = browser.cookie("kiln_session");
  const headers = new Headers({ origin: APP_ORIGIN, ...(session ? { cookie: `kiln_session=${session}` } : {}) });
  if (body !== undefined) headers.set("content-type", "application/json");
  const response = await handler(
    new Request(`${APP_ORIGIN}/api/test`, {
      method: "POST",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
}

const whoAmI = route({ org: true }, async ({ org, user, rls }) => ({
  orgId: org.orgId,
  userId: user.id,
  uid: await rls(async (tx) => (await tx.query<{ uid: string }>("select auth.uid() as uid")).rows[0]!.uid),
  role: await rls(async (tx) => (await tx.query<{ role: string }>("select current_user as role")).rows[0]!.role),
}));

describe("the route wrapper's handler context", () => {
  let owner: Person;
  let stranger: Browser;
  beforeAll(async () => {
    owner = await signUpPerson({ prefix: "context" });
    // Signed in, but in no organization: removed from the only one they joined.
    const rep = await joinAs(owner.browser, "rep", "orgless");
    expect((await rep.browser.delete(`/api/v1/members/${rep.userId}`)).status).toBe(204);
    stranger = rep.browser;
  });

  it("gives an org route the current organization, the user, and rls() running as that user under RLS", async () => {
    const response = await call(whoAmI, owner.browser);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      orgId: owner.orgId,
      userId: owner.userId,
      uid: owner.userId,
      role: "authenticated",
    });
  });

  it("answers 403 to an org route for a signed-in user with no organization", async () => {
    const response = await call(whoAmI, stranger);
    expect(response.status).toBe(403);
    expect(response.body.detail).toBe("You are not a member of any organization.");
  });

  it("answers 401 to a signed-out caller before looking for an organization", async () => {
    expect((await call(whoAmI, new Browser())).status).toBe(401);
  });

  it("parses the body before the organization check of an org route, and checks a role before the body", async () => {
    const withBody = route({ org: true, body: z.object({ n: z.number() }) }, async ({ body }) => body);
    expect((await call(withBody, stranger, { n: "x" })).status).toBe(422);
    expect((await call(withBody, stranger, { n: 1 })).status).toBe(403);
    const withRole = route({ role: "manager", body: z.object({ n: z.number() }) }, async ({ body }) => body);
    expect((await call(withRole, stranger, { n: "x" })).status).toBe(403);
    expect((await call(withRole, owner.browser, { n: 2 })).body).toEqual({ n: 2 });
  });

  it("refuses rls() on a public route called signed out", async () => {
    const open = route({ auth: "none" }, async ({ rls }) => rls(async () => "ran"));
    expect((await call(open, new Browser())).status).toBe(401);
  });
});
