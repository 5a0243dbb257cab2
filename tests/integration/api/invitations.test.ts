import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { Browser, invite, PASSWORD, signUpPerson, team, uniqueEmail } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;

const userExists = async (email: string) =>
  withService(
    async (tx) => (await tx.query("select 1 from auth.users where lower(email) = lower($1)", [email])).rows.length > 0,
  );

describe("inviting", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("an admin invites by email and gets a link to pass on (no SMTP)", async () => {
    const email = uniqueEmail("invitee");
    const response = await t.admin.browser.post("/api/v1/invitations", { email: email.toUpperCase(), role: "manager" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ invitation: { email, role: "manager" }, emailed: false });
    expect(response.body.link).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{43}$/);

    const list = await t.owner.browser.get("/api/v1/invitations");
    expect(list.body.invitations).toContainEqual(
      expect.objectContaining({
        id: response.body.invitation.id,
        email,
        role: "manager",
        status: "pending",
        invitedByName: t.admin.fullName,
      }),
    );
    const audit = await t.owner.browser.get("/api/v1/audit-log?limit=1");
    expect(audit.body.entries[0]).toMatchObject({
      action: "invitation.created",
      actorId: t.admin.userId,
      metadata: { email, role: "manager" },
    });
  });

  it("a rep or a manager cannot invite, nor see invitations", async () => {
    const email = uniqueEmail("not-invited");
    for (const person of [t.rep, t.manager]) {
      expect((await person.browser.post("/api/v1/invitations", { email, role: "rep" })).status).toBe(403);
      expect((await person.browser.get("/api/v1/invitations")).status).toBe(403);
    }
    const list = await t.owner.browser.get("/api/v1/invitations");
    expect(list.body.invitations.map((i: { email: string }) => i.email)).not.toContain(email);
  });

  it("an admin cannot invite an owner; an owner can", async () => {
    expect((await t.admin.browser.post("/api/v1/invitations", { email: uniqueEmail(), role: "owner" })).status).toBe(
      403,
    );
    expect((await t.owner.browser.post("/api/v1/invitations", { email: uniqueEmail(), role: "owner" })).status).toBe(
      201,
    );
  });

  it("answers 422 for an invalid email or an unknown role", async () => {
    const response = await t.owner.browser.post("/api/v1/invitations", { email: "nope", role: "boss" });
    expect(response.status).toBe(422);
    expect(response.errors?.email).toBeDefined();
    expect(response.errors?.role).toEqual(["The role must be owner, admin, manager or sales rep."]);
  });

  it("answers 409 when the address is already a member", async () => {
    const response = await t.owner.browser.post("/api/v1/invitations", { email: t.rep.email, role: "admin" });
    expect(response.status).toBe(409);
    expect(response.errors?.email).toEqual(["This person is already a member."]);
  });

  it("inviting the same address again replaces the old link", async () => {
    const email = uniqueEmail("twice");
    const first = await invite(t.owner.browser, email, "rep");
    const second = await invite(t.owner.browser, email, "manager");
    const old = await new Browser().post("/api/auth/sign-up", {
      fullName: "Twice",
      email,
      password: PASSWORD,
      inviteToken: first.token,
    });
    expect(old.status).toBe(410);
    expect(await userExists(email)).toBe(false);
    const joined = await signUpPerson({ email, inviteToken: second.token });
    expect((await joined.browser.get("/api/me")).body.organization.role).toBe("manager");
  });
});

describe("accepting an invitation", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("signing up with the invitation joins its organization with its role, and creates no other organization", async () => {
    const email = uniqueEmail("new-hire");
    const { token } = await invite(t.owner.browser, email, "manager");
    const joined = await signUpPerson({ email, inviteToken: token });
    expect(joined.orgId).toBe(t.orgId);

    const me = await joined.browser.get("/api/me");
    expect(me.body.organization).toMatchObject({ orgId: t.orgId, role: "manager" });
    expect(me.body.memberships).toHaveLength(1);

    const members = await t.owner.browser.get("/api/v1/members");
    expect(members.body.members).toContainEqual(
      expect.objectContaining({ userId: joined.userId, email, role: "manager" }),
    );
    const invitations = await t.owner.browser.get("/api/v1/invitations");
    expect(invitations.body.invitations.map((i: { email: string }) => i.email)).not.toContain(email);
    const audit = await t.owner.browser.get("/api/v1/audit-log?limit=1");
    expect(audit.body.entries[0]).toMatchObject({ action: "invitation.accepted", actorId: joined.userId });
  });

  it("a signed-in user with the invited email accepts it and is switched to that organization", async () => {
    const existing = await signUpPerson({ prefix: "existing" });
    const { token } = await invite(t.owner.browser, existing.email, "rep");
    const response = await existing.browser.post("/api/v1/invitations/accept", { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ orgId: t.orgId });
    const me = await existing.browser.get("/api/me");
    expect(me.body.organization).toMatchObject({ orgId: t.orgId, role: "rep" });
    expect(me.body.memberships).toHaveLength(2);
  });

  it("a signed-in user with a different email gets 403, and the invitation stays open for its addressee", async () => {
    const email = uniqueEmail("addressee");
    const { token } = await invite(t.owner.browser, email, "admin");
    const other = await signUpPerson({ prefix: "other" });

    const response = await other.browser.post("/api/v1/invitations/accept", { token });
    expect(response.status).toBe(403);
    const me = await other.browser.get("/api/me");
    expect(me.body.memberships.map((m: { orgId: string }) => m.orgId)).toEqual([other.orgId]);

    const joined = await signUpPerson({ email, inviteToken: token });
    expect((await joined.browser.get("/api/me")).body.organization).toMatchObject({ orgId: t.orgId, role: "admin" });
  });

  it("signing up with someone else's invitation is 403 and creates no account", async () => {
    const { token } = await invite(t.owner.browser, uniqueEmail("intended"), "rep");
    const email = uniqueEmail("gatecrasher");
    const response = await new Browser().post("/api/auth/sign-up", {
      fullName: "Gate Crasher",
      email,
      password: PASSWORD,
      inviteToken: token,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await userExists(email)).toBe(false);
  });

  it("a used invitation cannot be used again (409)", async () => {
    const email = uniqueEmail("once");
    const { token } = await invite(t.owner.browser, email, "rep");
    const joined = await signUpPerson({ email, inviteToken: token });

    expect((await joined.browser.post("/api/v1/invitations/accept", { token })).status).toBe(409);
    const stranger = await signUpPerson({ prefix: "latecomer" });
    expect((await stranger.browser.post("/api/v1/invitations/accept", { token })).status).toBe(409);
    expect((await stranger.browser.get("/api/me")).body.memberships).toHaveLength(1);
  });

  it("an expired invitation is 410 and grants nothing", async () => {
    const invitee = await signUpPerson({ prefix: "late" });
    const { id, token } = await invite(t.owner.browser, invitee.email, "admin");
    await withService((tx) =>
      tx.query("update public.invitations set expires_at = now() - interval '1 second' where id = $1", [id]),
    );

    const response = await invitee.browser.post("/api/v1/invitations/accept", { token });
    expect(response.status).toBe(410);
    expect((await invitee.browser.get("/api/me")).body.memberships).toHaveLength(1);
    const list = await t.owner.browser.get("/api/v1/invitations");
    expect(list.body.invitations).toContainEqual(expect.objectContaining({ id, status: "expired" }));
  });

  it("a revoked invitation is 410, and revoking it twice is 404", async () => {
    const email = uniqueEmail("withdrawn");
    const { id, token } = await invite(t.owner.browser, email, "rep");

    const revoke = await t.admin.browser.delete(`/api/v1/invitations/${id}`);
    expect(revoke.status).toBe(204);
    expect((await t.admin.browser.delete(`/api/v1/invitations/${id}`)).status).toBe(404);

    const response = await new Browser().post("/api/auth/sign-up", {
      fullName: "Withdrawn",
      email,
      password: PASSWORD,
      inviteToken: token,
    });
    expect(response.status).toBe(410);
    expect(await userExists(email)).toBe(false);
    const list = await t.owner.browser.get("/api/v1/invitations");
    expect(list.body.invitations.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it("a rep cannot revoke an invitation", async () => {
    const { id } = await invite(t.owner.browser, uniqueEmail("kept"), "rep");
    expect((await t.rep.browser.delete(`/api/v1/invitations/${id}`)).status).toBe(403);
    const list = await t.owner.browser.get("/api/v1/invitations");
    expect(list.body.invitations).toContainEqual(expect.objectContaining({ id, status: "pending" }));
  });

  it("a garbage token is 404", async () => {
    const person = await signUpPerson({ prefix: "guesser" });
    const response = await person.browser.post("/api/v1/invitations/accept", { token: "g".repeat(43) });
    expect(response.status).toBe(404);
    const signUp = await new Browser().post("/api/auth/sign-up", {
      fullName: "Guess",
      email: uniqueEmail(),
      password: PASSWORD,
      inviteToken: "g".repeat(43),
    });
    expect(signUp.status).toBe(404);
  });

  it("a token too short to be real is 422", async () => {
    const person = await signUpPerson({ prefix: "short-token" });
    const response = await person.browser.post("/api/v1/invitations/accept", { token: "abc" });
    expect(response.status).toBe(422);
    expect(response.errors?.token).toEqual(["That invitation link is not valid."]);
  });

  it("accepting needs a signed-in user", async () => {
    const { token } = await invite(t.owner.browser, uniqueEmail("anon"), "rep");
    expect((await new Browser().post("/api/v1/invitations/accept", { token })).status).toBe(401);
  });

  it("answers 404 for an invitation id that is not a uuid", async () => {
    expect((await t.owner.browser.delete("/api/v1/invitations/not-a-uuid")).status).toBe(404);
  });
});
