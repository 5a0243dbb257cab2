import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { joinAs, signUpPerson, team } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;

const roleIn = async (orgId: string, userId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{ role: string }>("select role from public.memberships where org_id = $1 and user_id = $2", [
          orgId,
          userId,
        ])
      ).rows[0]?.role ?? null,
  );

describe("members", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("are listed to every member, strongest role first", async () => {
    const response = await t.rep.browser.get("/api/v1/members");
    expect(response.status).toBe(200);
    expect(response.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [t.owner.userId, "owner"],
      [t.admin.userId, "admin"],
      [t.manager.userId, "manager"],
      [t.rep.userId, "rep"],
    ]);
    expect(response.body.members[3]).toMatchObject({ email: t.rep.email, fullName: t.rep.fullName });
  });

  it("a rep cannot change a member's role", async () => {
    const response = await t.rep.browser.patch(`/api/v1/members/${t.manager.userId}`, { role: "rep" });
    expect(response.status).toBe(403);
    expect(await roleIn(t.orgId, t.manager.userId)).toBe("manager");
  });

  it("a rep cannot promote themselves", async () => {
    const response = await t.rep.browser.patch(`/api/v1/members/${t.rep.userId}`, { role: "admin" });
    expect(response.status).toBe(403);
    expect(await roleIn(t.orgId, t.rep.userId)).toBe("rep");
  });

  it("a rep cannot remove another member", async () => {
    const response = await t.rep.browser.delete(`/api/v1/members/${t.manager.userId}`);
    expect(response.status).toBe(403);
    expect(await roleIn(t.orgId, t.manager.userId)).toBe("manager");
  });

  it("a manager cannot change roles or remove members either", async () => {
    expect((await t.manager.browser.patch(`/api/v1/members/${t.rep.userId}`, { role: "manager" })).status).toBe(403);
    expect((await t.manager.browser.delete(`/api/v1/members/${t.rep.userId}`)).status).toBe(403);
    expect(await roleIn(t.orgId, t.rep.userId)).toBe("rep");
  });

  it("an admin cannot make anyone an owner", async () => {
    const response = await t.admin.browser.patch(`/api/v1/members/${t.manager.userId}`, { role: "owner" });
    expect(response.status).toBe(403);
    const self = await t.admin.browser.patch(`/api/v1/members/${t.admin.userId}`, { role: "owner" });
    expect(self.status).toBe(403);
    expect(await roleIn(t.orgId, t.manager.userId)).toBe("manager");
    expect(await roleIn(t.orgId, t.admin.userId)).toBe("admin");
  });

  it("an admin cannot demote or remove an owner", async () => {
    expect((await t.admin.browser.patch(`/api/v1/members/${t.owner.userId}`, { role: "rep" })).status).toBe(403);
    expect((await t.admin.browser.delete(`/api/v1/members/${t.owner.userId}`)).status).toBe(403);
    expect(await roleIn(t.orgId, t.owner.userId)).toBe("owner");
  });

  it("answers 422 for an unknown role", async () => {
    const response = await t.owner.browser.patch(`/api/v1/members/${t.rep.userId}`, { role: "superuser" });
    expect(response.status).toBe(422);
    expect(response.errors?.role).toEqual(["The role must be owner, admin, manager or sales rep."]);
    expect(await roleIn(t.orgId, t.rep.userId)).toBe("rep");
  });

  it("answers 404 for a member id that is not a uuid", async () => {
    expect((await t.owner.browser.patch("/api/v1/members/not-a-uuid", { role: "rep" })).status).toBe(404);
    expect((await t.owner.browser.delete("/api/v1/members/42")).status).toBe(404);
  });

  it("answers 404 for a user who is not a member", async () => {
    const outsider = await signUpPerson({ prefix: "outsider" });
    expect((await t.owner.browser.patch(`/api/v1/members/${outsider.userId}`, { role: "rep" })).status).toBe(404);
    expect(await roleIn(outsider.orgId, outsider.userId)).toBe("owner");
  });

  it("the owner changes a member's role, the member sees it at once, and the audit log has it", async () => {
    const member = await joinAs(t.owner.browser, "rep", "promoted");
    const response = await t.owner.browser.patch(`/api/v1/members/${member.userId}`, { role: "manager" });
    expect(response.status).toBe(200);
    expect(response.body.member).toEqual({ userId: member.userId, role: "manager" });

    const me = await member.browser.get("/api/me");
    expect(me.body.organization).toMatchObject({ orgId: t.orgId, role: "manager" });
    // The new role takes effect on the next request.
    const project = await member.browser.post("/api/v1/projects", { name: `Promoted ${member.userId.slice(0, 8)}` });
    expect(project.status).toBe(201);

    const audit = await t.owner.browser.get("/api/v1/audit-log?limit=5");
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({
        action: "member.role_changed",
        targetId: member.userId,
        metadata: { from: "rep", to: "manager" },
      }),
    );
  });

  it("an admin can change a rep to a manager", async () => {
    const member = await joinAs(t.owner.browser, "rep", "admin-promoted");
    expect((await t.admin.browser.patch(`/api/v1/members/${member.userId}`, { role: "manager" })).status).toBe(200);
    expect(await roleIn(t.orgId, member.userId)).toBe("manager");
  });
});

describe("owners", () => {
  it("the last owner cannot demote themselves (409) and stays owner", async () => {
    const owner = await signUpPerson({ prefix: "lone-owner" });
    const response = await owner.browser.patch(`/api/v1/members/${owner.userId}`, { role: "admin" });
    expect(response.status).toBe(409);
    expect((await owner.browser.get("/api/me")).body.organization.role).toBe("owner");
    expect(await roleIn(owner.orgId, owner.userId)).toBe("owner");
  });

  it("the last owner cannot leave (409) and stays a member", async () => {
    const owner = await signUpPerson({ prefix: "stuck-owner" });
    await joinAs(owner.browser, "admin");
    const response = await owner.browser.delete(`/api/v1/members/${owner.userId}`);
    expect(response.status).toBe(409);
    expect(await roleIn(owner.orgId, owner.userId)).toBe("owner");
    expect((await owner.browser.get("/api/v1/members")).status).toBe(200);
  });

  it("an owner can make another member an owner, and then step down", async () => {
    const owner = await signUpPerson({ prefix: "handover" });
    const successor = await joinAs(owner.browser, "admin", "successor");
    expect((await owner.browser.patch(`/api/v1/members/${successor.userId}`, { role: "owner" })).status).toBe(200);
    expect((await owner.browser.patch(`/api/v1/members/${owner.userId}`, { role: "admin" })).status).toBe(200);
    expect((await owner.browser.get("/api/me")).body.organization.role).toBe("admin");
    // Now the successor is the last owner.
    expect((await successor.browser.patch(`/api/v1/members/${successor.userId}`, { role: "rep" })).status).toBe(409);
  });
});

describe("removing a member", () => {
  it("an admin removes a rep; the rep's next members request is 403 (no organization left)", async () => {
    const owner = await signUpPerson({ prefix: "remover" });
    const admin = await joinAs(owner.browser, "admin");
    const rep = await joinAs(owner.browser, "rep", "removed");

    const response = await admin.browser.delete(`/api/v1/members/${rep.userId}`);
    expect(response.status).toBe(204);
    expect(await roleIn(owner.orgId, rep.userId)).toBeNull();

    const members = await rep.browser.get("/api/v1/members");
    expect(members.status).toBe(403);
    expect(members.body.detail).toBe("You are not a member of any organization.");
    const me = await rep.browser.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.organization).toBeNull();
    expect(me.body.memberships).toEqual([]);
    expect((await rep.browser.get("/api/v1/projects")).status).toBe(403);

    const audit = await owner.browser.get("/api/v1/audit-log?limit=5");
    expect(audit.body.entries[0]).toMatchObject({
      action: "member.removed",
      actorId: admin.userId,
      targetId: rep.userId,
      metadata: { role: "rep" },
    });
    expect((await owner.browser.get("/api/v1/members")).body.members).toHaveLength(2);

    // With no organization left, they can still start their own.
    const own = await rep.browser.post("/api/v1/organizations", { name: `Fresh start ${rep.userId.slice(0, 8)}` });
    expect(own.status).toBe(201);
    expect((await rep.browser.get("/api/me")).body.organization).toMatchObject({
      orgId: own.body.organization.id,
      role: "owner",
    });
  });

  it("a removed member who belongs to another organization is switched to it", async () => {
    const ownerA = await signUpPerson({ prefix: "org-a" });
    const person = await joinAs(ownerA.browser, "manager", "two-homes");
    const own = await person.browser.post("/api/v1/organizations", { name: `Own ${person.userId.slice(0, 8)}` });
    expect(own.status).toBe(201);
    expect((await person.browser.put("/api/v1/session/organization", { orgId: ownerA.orgId })).status).toBe(200);

    expect((await ownerA.browser.delete(`/api/v1/members/${person.userId}`)).status).toBe(204);

    const me = await person.browser.get("/api/me");
    expect(me.body.organization).toMatchObject({ orgId: own.body.organization.id, role: "owner" });
    const members = await person.browser.get("/api/v1/members");
    expect(members.status).toBe(200);
    expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([person.userId]);
  });

  it("a rep can leave an organization", async () => {
    const owner = await signUpPerson({ prefix: "left-behind" });
    const rep = await joinAs(owner.browser, "rep", "leaver");
    expect((await rep.browser.delete(`/api/v1/members/${rep.userId}`)).status).toBe(204);
    expect(await roleIn(owner.orgId, rep.userId)).toBeNull();
    expect((await rep.browser.get("/api/v1/members")).status).toBe(403);
    const audit = await owner.browser.get("/api/v1/audit-log?limit=1");
    expect(audit.body.entries[0]).toMatchObject({ action: "member.left", actorId: rep.userId, targetId: rep.userId });
  });

  it("an owner can leave while another owner remains", async () => {
    const owner = await signUpPerson({ prefix: "departing" });
    const coOwner = await joinAs(owner.browser, "owner", "co-owner");
    expect((await owner.browser.delete(`/api/v1/members/${owner.userId}`)).status).toBe(204);
    expect(await roleIn(owner.orgId, owner.userId)).toBeNull();
    expect(await roleIn(owner.orgId, coOwner.userId)).toBe("owner");
  });
});

describe("another organization's ids", () => {
  it("org B's owner gets 404 for org A's member, project and invitation ids, and nothing changes in A", async () => {
    const a = await team();
    const ownerB = await signUpPerson({ prefix: "owner-b" });
    const project = await a.manager.browser.post("/api/v1/projects", { name: "Secret roadmap", description: "A only" });
    expect(project.status).toBe(201);
    const invitation = await a.owner.browser.post("/api/v1/invitations", {
      email: `pending-${a.orgId.slice(0, 8)}@kiln.test`,
      role: "rep",
    });
    expect(invitation.status).toBe(201);

    const patchMember = await ownerB.browser.patch(`/api/v1/members/${a.rep.userId}`, { role: "owner" });
    expect(patchMember.status).toBe(404);
    const removeMember = await ownerB.browser.delete(`/api/v1/members/${a.owner.userId}`);
    expect(removeMember.status).toBe(404);
    const patchProject = await ownerB.browser.patch(`/api/v1/projects/${project.body.project.id}`, {
      name: "Pwned",
      archived: true,
    });
    expect(patchProject.status).toBe(404);
    const revoke = await ownerB.browser.delete(`/api/v1/invitations/${invitation.body.invitation.id}`);
    expect(revoke.status).toBe(404);

    expect(await roleIn(a.orgId, a.rep.userId)).toBe("rep");
    expect(await roleIn(a.orgId, a.owner.userId)).toBe("owner");
    const projects = await a.rep.browser.get("/api/v1/projects");
    expect(projects.body.projects).toEqual([
      expect.objectContaining({ id: project.body.project.id, name: "Secret roadmap", archivedAt: null }),
    ]);
    const invitations = await a.owner.browser.get("/api/v1/invitations");
    expect(invitations.body.invitations).toEqual([
      expect.objectContaining({ id: invitation.body.invitation.id, status: "pending" }),
    ]);
    // B's audit log has nothing about A, A's has no trace of B.
    const auditA = await a.owner.browser.get("/api/v1/audit-log?limit=100");
    expect(auditA.body.entries.every((e: { actorId: string }) => e.actorId !== ownerB.userId)).toBe(true);
  });

  it("org B's members list never shows org A's people", async () => {
    const a = await team();
    const ownerB = await signUpPerson({ prefix: "nosy" });
    const members = await ownerB.browser.get("/api/v1/members");
    expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([ownerB.userId]);
    expect(members.body.members.map((m: { userId: string }) => m.userId)).not.toContain(a.owner.userId);
  });
});
