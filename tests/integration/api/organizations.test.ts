import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { Browser, invite, joinAs, signUpPerson, team, uniqueName, type Person } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;

const orgName = async (orgId: string) =>
  withService(
    async (tx) =>
      (await tx.query<{ name: string }>("select name from public.organizations where id = $1", [orgId])).rows[0]?.name,
  );

describe("the organization", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("shows every member its organization with counts and their own role", async () => {
    const response = await t.rep.browser.get("/api/v1/organization");
    expect(response.status).toBe(200);
    expect(response.body.organization).toMatchObject({ id: t.orgId, members: 4, projects: 0, role: "rep" });
  });

  it("lets the owner rename it, and records who did it in the audit log", async () => {
    const before = await orgName(t.orgId);
    const name = uniqueName("Renamed");
    const response = await t.owner.browser.patch("/api/v1/organization", { name: `  ${name}  ` });
    expect(response.status).toBe(200);
    expect(response.body.organization).toMatchObject({ id: t.orgId, name });
    expect((await t.rep.browser.get("/api/v1/organization")).body.organization.name).toBe(name);
    expect((await t.rep.browser.get("/api/me")).body.organization.orgName).toBe(name);

    const audit = await t.owner.browser.get("/api/v1/audit-log");
    expect(audit.status).toBe(200);
    expect(audit.body.entries[0]).toMatchObject({
      action: "organization.renamed",
      actorId: t.owner.userId,
      actorEmail: t.owner.email,
      targetType: "organization",
      targetId: t.orgId,
      metadata: { from: before, to: name },
    });
  });

  it("lets an admin rename it", async () => {
    const name = uniqueName("Admin named");
    expect((await t.admin.browser.patch("/api/v1/organization", { name })).status).toBe(200);
    expect(await orgName(t.orgId)).toBe(name);
  });

  it("does not let a rep or a manager rename it", async () => {
    const before = await orgName(t.orgId);
    for (const person of [t.rep, t.manager]) {
      const response = await person.browser.patch("/api/v1/organization", { name: "Taken over" });
      expect(response.status).toBe(403);
      expect(response.body.detail).toBe("This needs the role Admin or higher.");
    }
    expect(await orgName(t.orgId)).toBe(before);
  });

  it("refuses an empty or too long name with 422", async () => {
    const before = await orgName(t.orgId);
    const empty = await t.owner.browser.patch("/api/v1/organization", { name: "   " });
    expect(empty.status).toBe(422);
    expect(empty.errors?.name).toEqual(["Enter a name."]);
    const long = await t.owner.browser.patch("/api/v1/organization", { name: "x".repeat(121) });
    expect(long.status).toBe(422);
    expect(long.errors?.name).toEqual(["Use at most 120 characters."]);
    expect(await orgName(t.orgId)).toBe(before);
  });
});

describe("the audit log", () => {
  let owner: Person;
  beforeAll(async () => {
    owner = await signUpPerson({ prefix: "auditor" });
  });

  it("is for admins and above only", async () => {
    const manager = await joinAs(owner.browser, "manager");
    expect((await manager.browser.get("/api/v1/audit-log")).status).toBe(403);
  });

  it("pages newest first with a cursor, each entry once", async () => {
    const names = [uniqueName("A"), uniqueName("B"), uniqueName("C")];
    for (const name of names) expect((await owner.browser.patch("/api/v1/organization", { name })).status).toBe(200);

    const all = (await owner.browser.get("/api/v1/audit-log?limit=100")).body.entries as { id: string }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { entries: { id: string }[]; nextCursor: string | null } } =
        await owner.browser.get(`/api/v1/audit-log?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.entries.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(all.length).toBeGreaterThanOrEqual(4); // created + 3 renames
  });

  it("does not skip entries that share a timestamp when paging", async () => {
    // Entries written in one transaction (e.g. the demo seed) share now(), to the microsecond.
    const { orgId } = owner;
    await withService((tx) =>
      tx.query(
        `insert into public.audit_log (org_id, actor_id, action, created_at)
         select $1, $2, 'test.same_time', '2030-01-01 00:00:00.123456+00' from generate_series(1, 3)`,
        [orgId, owner.userId],
      ),
    );
    const all = (await owner.browser.get("/api/v1/audit-log?limit=100")).body.entries as { id: string }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: { body: { entries: { id: string }[]; nextCursor: string | null } } = await owner.browser.get(
        `/api/v1/audit-log?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      seen.push(...page.body.entries.map((e) => e.id));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("answers 400 to a tampered cursor and 422 to an out-of-range limit", async () => {
    const page = await owner.browser.get("/api/v1/audit-log?limit=1");
    const [payload] = (page.body.nextCursor as string).split(".");
    expect((await owner.browser.get(`/api/v1/audit-log?cursor=${payload}.AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(400);
    expect((await owner.browser.get("/api/v1/audit-log?cursor=garbage")).status).toBe(400);
    const limit = await owner.browser.get("/api/v1/audit-log?limit=1000");
    expect(limit.status).toBe(422);
    expect(limit.errors?.limit).toBeDefined();
  });
});

describe("the organization switcher", () => {
  it("creates a second organization, switches to it, and switches back", async () => {
    const person = await signUpPerson({ prefix: "switcher" });
    const secondName = uniqueName("Second");
    const created = await person.browser.post("/api/v1/organizations", { name: secondName });
    expect(created.status).toBe(201);
    const secondId = created.body.organization.id;

    let me = await person.browser.get("/api/me");
    expect(me.body.organization).toMatchObject({ orgId: secondId, orgName: secondName, role: "owner" });
    expect(me.body.memberships).toHaveLength(2);

    const back = await person.browser.put("/api/v1/session/organization", { orgId: person.orgId });
    expect(back.status).toBe(200);
    expect(back.body.organization.orgId).toBe(person.orgId);
    me = await person.browser.get("/api/me");
    expect(me.body.organization.orgId).toBe(person.orgId);
    expect((await person.browser.get("/api/v1/organization")).body.organization.id).toBe(person.orgId);
  });

  it("shows a member of two organizations their role in the one they switch to", async () => {
    const ownerA = await signUpPerson({ prefix: "owner-a" });
    const ownerB = await signUpPerson({ prefix: "owner-b" });
    const rep = await joinAs(ownerA.browser, "rep", "two-orgs");
    const { token } = await invite(ownerB.browser, rep.email, "manager");
    const accepted = await rep.browser.post("/api/v1/invitations/accept", { token });
    expect(accepted.status).toBe(200);

    // Accepting switches to the new organization.
    expect((await rep.browser.get("/api/me")).body.organization).toMatchObject({
      orgId: ownerB.orgId,
      role: "manager",
    });

    expect((await rep.browser.put("/api/v1/session/organization", { orgId: ownerA.orgId })).status).toBe(200);
    expect((await rep.browser.get("/api/me")).body.organization).toMatchObject({ orgId: ownerA.orgId, role: "rep" });
    // Role checks follow the current organization: a rep in A cannot create projects there.
    expect((await rep.browser.post("/api/v1/projects", { name: "Nope" })).status).toBe(403);

    expect((await rep.browser.put("/api/v1/session/organization", { orgId: ownerB.orgId })).status).toBe(200);
    expect((await rep.browser.get("/api/me")).body.organization).toMatchObject({
      orgId: ownerB.orgId,
      role: "manager",
    });
    expect((await rep.browser.post("/api/v1/projects", { name: uniqueName("Yes") })).status).toBe(201);
  });

  it("keeps the choice per browser session", async () => {
    const person = await signUpPerson({ prefix: "per-session" });
    const other = await person.browser.post("/api/v1/organizations", { name: uniqueName("Other") });
    const laptop = new Browser();
    await laptop.post("/api/auth/sign-in", { email: person.email, password: person.password });
    await laptop.put("/api/v1/session/organization", { orgId: person.orgId });
    await person.browser.put("/api/v1/session/organization", { orgId: other.body.organization.id });

    expect((await laptop.get("/api/me")).body.organization.orgId).toBe(person.orgId);
    expect((await person.browser.get("/api/me")).body.organization.orgId).toBe(other.body.organization.id);
  });

  it("answers 404 when switching to an organization the user is not in, and stays put", async () => {
    const person = await signUpPerson({ prefix: "outsider" });
    const stranger = await signUpPerson({ prefix: "stranger" });
    const response = await person.browser.put("/api/v1/session/organization", { orgId: stranger.orgId });
    expect(response.status).toBe(404);
    expect((await person.browser.get("/api/me")).body.organization.orgId).toBe(person.orgId);
    expect((await person.browser.get("/api/v1/organization")).body.organization.id).toBe(person.orgId);
  });

  it("answers 422 for an organization id that is not a uuid", async () => {
    const person = await signUpPerson({ prefix: "badswitch" });
    const response = await person.browser.put("/api/v1/session/organization", { orgId: "acme" });
    expect(response.status).toBe(422);
    expect(response.errors?.orgId).toEqual(["Choose an organization."]);
  });

  it("needs a signed-in user", async () => {
    const person = await signUpPerson({ prefix: "anonswitch" });
    expect((await new Browser().put("/api/v1/session/organization", { orgId: person.orgId })).status).toBe(401);
  });
});

describe("organization settings", () => {
  it("an admin restricts reps to their own and unassigned leads, and the database enforces it", async () => {
    const t = await team();
    const mine = await t.rep.browser.post("/api/v1/leads", { name: "Rep's own lead", ownerId: t.rep.userId });
    const unassigned = await t.manager.browser.post("/api/v1/leads", { name: "Nobody's lead" });
    const managers = await t.manager.browser.post("/api/v1/leads", {
      name: "Manager's lead",
      ownerId: t.manager.userId,
    });
    expect([mine.status, unassigned.status, managers.status]).toEqual([201, 201, 201]);
    const names = async (person: Person) =>
      ((await person.browser.get("/api/v1/leads?limit=100")).body.leads as { name: string }[])
        .map((l) => l.name)
        .sort();
    expect(await names(t.rep)).toEqual(["Manager's lead", "Nobody's lead", "Rep's own lead"]);

    expect((await t.rep.browser.patch("/api/v1/organization", { repsSeeOwnLeadsOnly: true })).status).toBe(403);
    const saved = await t.admin.browser.patch("/api/v1/organization", {
      repsSeeOwnLeadsOnly: true,
      defaultCountry: "CH",
    });
    expect(saved.status).toBe(200);
    expect(saved.body.organization).toMatchObject({ repsSeeOwnLeadsOnly: true, defaultCountry: "CH" });

    expect(await names(t.rep)).toEqual(["Nobody's lead", "Rep's own lead"]);
    expect((await t.rep.browser.get(`/api/v1/leads/${managers.body.lead.id}`)).status).toBe(404);
    expect(await names(t.manager)).toEqual(["Manager's lead", "Nobody's lead", "Rep's own lead"]);

    const audit = await t.owner.browser.get("/api/v1/audit-log?limit=1");
    expect(audit.body.entries[0]).toMatchObject({
      action: "organization.settings_changed",
      actorId: t.admin.userId,
      metadata: { reps_see_own_leads_only: true, default_country: "CH" },
    });
  });

  it("reads phone numbers without a country code in the organization's default country", async () => {
    const t = await team();
    const without = await t.rep.browser.post("/api/v1/leads", { name: "Local number", phone: "044 668 18 00" });
    expect(without.status).toBe(422);
    expect(without.body.errors.phone).toBeDefined();
    expect((await t.admin.browser.patch("/api/v1/organization", { defaultCountry: "CH" })).status).toBe(200);
    const withCountry = await t.rep.browser.post("/api/v1/leads", { name: "Local number", phone: "044 668 18 00" });
    expect(withCountry.status).toBe(201);
    expect(withCountry.body.lead.phone).toBe("+41446681800");
  });

  it("rejects an unknown country code or an empty change with 422 and changes nothing", async () => {
    const t = await team();
    const bad = await t.owner.browser.patch("/api/v1/organization", { defaultCountry: "Switzerland" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.defaultCountry).toBeDefined();
    expect((await t.owner.browser.patch("/api/v1/organization", {})).status).toBe(422);
    expect((await t.owner.browser.get("/api/v1/organization")).body.organization.defaultCountry).toBeNull();
  });
});
