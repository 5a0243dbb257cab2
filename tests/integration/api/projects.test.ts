import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { signUpPerson, team, uniqueName } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;

const projectNames = async (t: Team, query = "") =>
  ((await t.rep.browser.get(`/api/v1/projects${query}`)).body.projects as { name: string }[]).map((p) => p.name);

describe("projects", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("a manager creates a project that every member then sees", async () => {
    const name = uniqueName("Rooftops");
    const response = await t.manager.browser.post("/api/v1/projects", {
      name: `  ${name} `,
      description: "Home solar",
    });
    expect(response.status).toBe(201);
    expect(response.body.project).toMatchObject({ name, description: "Home solar", archivedAt: null });
    expect(response.body.project.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await projectNames(t)).toContain(name);
    const audit = await t.owner.browser.get("/api/v1/audit-log?limit=1");
    expect(audit.body.entries[0]).toMatchObject({
      action: "project.created",
      actorId: t.manager.userId,
      targetId: response.body.project.id,
    });
  });

  it("a rep cannot create a project", async () => {
    const name = uniqueName("Rep project");
    const response = await t.rep.browser.post("/api/v1/projects", { name });
    expect(response.status).toBe(403);
    expect(await projectNames(t, "?archived=true")).not.toContain(name);
  });

  it("a duplicate name, in any case, is 409 on errors.name", async () => {
    const name = uniqueName("Storage");
    expect((await t.manager.browser.post("/api/v1/projects", { name })).status).toBe(201);
    const response = await t.owner.browser.post("/api/v1/projects", { name: name.toUpperCase() });
    expect(response.status).toBe(409);
    expect(response.errors?.name).toEqual(["A project with that name exists."]);
    expect((await projectNames(t)).filter((n) => n.toLowerCase() === name.toLowerCase())).toHaveLength(1);
  });

  it("renaming onto another project's name is 409 on errors.name", async () => {
    const first = uniqueName("First");
    const second = await t.manager.browser.post("/api/v1/projects", { name: uniqueName("Second") });
    expect((await t.manager.browser.post("/api/v1/projects", { name: first })).status).toBe(201);
    const response = await t.manager.browser.patch(`/api/v1/projects/${second.body.project.id}`, { name: first });
    expect(response.status).toBe(409);
    expect(response.errors?.name).toEqual(["A project with that name exists."]);
  });

  it("the same name is fine in another organization", async () => {
    const name = uniqueName("Shared name");
    expect((await t.manager.browser.post("/api/v1/projects", { name })).status).toBe(201);
    const other = await signUpPerson({ prefix: "other-org" });
    expect((await other.browser.post("/api/v1/projects", { name })).status).toBe(201);
  });

  it("a name over 120 characters, or blank, is 422 and nothing is created", async () => {
    const long = await t.manager.browser.post("/api/v1/projects", { name: "p".repeat(121) });
    expect(long.status).toBe(422);
    expect(long.errors?.name).toEqual(["Use at most 120 characters."]);
    const blank = await t.manager.browser.post("/api/v1/projects", { name: "   " });
    expect(blank.status).toBe(422);
    expect(blank.errors?.name).toEqual(["Enter a project name."]);
    const description = await t.manager.browser.post("/api/v1/projects", {
      name: uniqueName("Wordy"),
      description: "d".repeat(2001),
    });
    expect(description.status).toBe(422);
    expect(description.errors?.description).toBeDefined();
    expect(
      (await projectNames(t, "?archived=true")).some((n) => n.startsWith("p".repeat(120)) || n.startsWith("Wordy")),
    ).toBe(false);
  });

  it("a manager archives a project (hidden from the default list) and restores it", async () => {
    const name = uniqueName("Seasonal");
    const { body } = await t.manager.browser.post("/api/v1/projects", { name });
    const id = body.project.id;

    const archived = await t.manager.browser.patch(`/api/v1/projects/${id}`, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.project.archivedAt).not.toBeNull();
    expect(await projectNames(t)).not.toContain(name);
    expect(await projectNames(t, "?archived=true")).toContain(name);
    expect((await t.rep.browser.get("/api/v1/organization")).body.organization.projects).toBe(
      (await projectNames(t)).length,
    );

    const restored = await t.manager.browser.patch(`/api/v1/projects/${id}`, { archived: false });
    expect(restored.status).toBe(200);
    expect(restored.body.project.archivedAt).toBeNull();
    expect(await projectNames(t)).toContain(name);

    const audit = await t.owner.browser.get("/api/v1/audit-log?limit=2");
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      "project.restored",
      "project.archived",
    ]);
  });

  it("archiving twice keeps the first archive time", async () => {
    const { body } = await t.manager.browser.post("/api/v1/projects", { name: uniqueName("Twice archived") });
    const first = await t.manager.browser.patch(`/api/v1/projects/${body.project.id}`, { archived: true });
    const second = await t.manager.browser.patch(`/api/v1/projects/${body.project.id}`, { archived: true });
    expect(second.body.project.archivedAt).toBe(first.body.project.archivedAt);
  });

  it("a manager renames a project and changes its description", async () => {
    const { body } = await t.manager.browser.post("/api/v1/projects", {
      name: uniqueName("Old"),
      description: "before",
    });
    const name = uniqueName("New");
    const response = await t.manager.browser.patch(`/api/v1/projects/${body.project.id}`, {
      name,
      description: "after",
    });
    expect(response.status).toBe(200);
    expect(response.body.project).toMatchObject({ id: body.project.id, name, description: "after" });
  });

  it("a rep cannot archive or rename a project", async () => {
    const name = uniqueName("Protected");
    const { body } = await t.manager.browser.post("/api/v1/projects", { name });
    expect((await t.rep.browser.patch(`/api/v1/projects/${body.project.id}`, { archived: true })).status).toBe(403);
    expect((await t.rep.browser.patch(`/api/v1/projects/${body.project.id}`, { name: "Mine now" })).status).toBe(403);
    expect(await projectNames(t)).toContain(name);
  });

  it("an empty change is 422, an unknown id 404 and a non-uuid id 404", async () => {
    const { body } = await t.manager.browser.post("/api/v1/projects", { name: uniqueName("Unchanged") });
    expect((await t.manager.browser.patch(`/api/v1/projects/${body.project.id}`, {})).status).toBe(422);
    expect(
      (await t.manager.browser.patch("/api/v1/projects/00000000-0000-4000-8000-000000000000", { name: "Ghost" }))
        .status,
    ).toBe(404);
    expect((await t.manager.browser.patch("/api/v1/projects/123", { name: "Ghost" })).status).toBe(404);
  });

  it("a name too long on rename is 422", async () => {
    const { body } = await t.manager.browser.post("/api/v1/projects", { name: uniqueName("Short") });
    const response = await t.manager.browser.patch(`/api/v1/projects/${body.project.id}`, { name: "n".repeat(121) });
    expect(response.status).toBe(422);
    expect(response.errors?.name).toEqual(["Use at most 120 characters."]);
  });
});
