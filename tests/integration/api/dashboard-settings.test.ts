import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { DEFAULT_PREFERENCES } from "@/lib/dashboard/schema";
import { Browser, signUpPerson, team, uniqueName, type Person } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;

const SETTINGS = "/api/v1/dashboard-settings";
const arranged = [
  { i: "team", x: 0, y: 0, w: 12, h: 6 },
  { i: "heat", x: 0, y: 6, w: 6, h: 8 },
];

async function newProject(t: Team): Promise<string> {
  const response = await t.manager.browser.post("/api/v1/projects", { name: uniqueName("Dashboard project") });
  expect(response.status).toBe(201);
  return response.body.project.id as string;
}

describe("dashboard settings", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("a user who never arranged anything gets the built-in default", async () => {
    const response = await t.rep.browser.get(SETTINGS);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      projectId: null,
      source: "default",
      layout: [],
      preferences: DEFAULT_PREFERENCES,
      updatedAt: null,
    });
    expect(Object.values(response.body.visibility)).toEqual(Array(7).fill(true));
  });

  it("saves the all-projects layout, hidden widgets and preferences, and reads them back", async () => {
    const saved = await t.manager.browser.put(SETTINGS, {
      layout: arranged,
      visibility: { agents: false },
      preferences: { refreshSeconds: 60, density: "compact" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ source: "allProjects", layout: arranged });
    const read = await t.manager.browser.get(SETTINGS);
    expect(read.body).toMatchObject({
      source: "allProjects",
      layout: arranged,
      visibility: { agents: false, heat: true },
      preferences: { defaultRange: "30d", refreshSeconds: 60, density: "compact" },
    });
  });

  it("a save of one part keeps the others", async () => {
    await t.owner.browser.put(SETTINGS, { layout: arranged, visibility: { team: false } });
    const response = await t.owner.browser.put(SETTINGS, { preferences: { defaultRange: "30d" } });
    expect(response.body).toMatchObject({ layout: arranged, visibility: { team: false } });
    expect(response.body.preferences.defaultRange).toBe("30d");
  });

  it("each user reads and writes only their own dashboard", async () => {
    await t.admin.browser.put(SETTINGS, { layout: [{ i: "pipeline", x: 2, y: 0, w: 10, h: 9 }] });
    const repView = await t.rep.browser.get(SETTINGS);
    expect(repView.body.source).toBe("default");
    expect(repView.body.layout).toEqual([]);
    // The rep's own save creates the rep's row; the admin's stays as it was.
    await t.rep.browser.put(SETTINGS, { visibility: { pipeline: false } });
    const adminView = await t.admin.browser.get(SETTINGS);
    expect(adminView.body.layout).toEqual([{ i: "pipeline", x: 2, y: 0, w: 10, h: 9 }]);
    expect(adminView.body.visibility.pipeline).toBe(true);
  });

  it("a project not arranged yet starts from the user's all-projects dashboard, then keeps its own", async () => {
    const projectId = await newProject(t);
    const before = await t.manager.browser.get(`${SETTINGS}?project=${projectId}`);
    expect(before.body).toMatchObject({
      projectId,
      source: "allProjects",
      layout: arranged,
      visibility: { agents: false },
    });

    const own = [{ i: "heat", x: 0, y: 0, w: 4, h: 8 }];
    const saved = await t.manager.browser.put(`${SETTINGS}?project=${projectId}`, { layout: own });
    // Only the layout was sent: the inherited hidden widgets and preferences come along.
    expect(saved.body).toMatchObject({ source: "project", layout: own, visibility: { agents: false } });
    expect(saved.body.preferences.refreshSeconds).toBe(60);

    expect((await t.manager.browser.get(`${SETTINGS}?project=${projectId}`)).body.layout).toEqual(own);
    expect((await t.manager.browser.get(SETTINGS)).body.layout).toEqual(arranged);
  });

  it("reset forgets a project's own layout (back to all projects), then the all-projects one (back to the default)", async () => {
    const projectId = await newProject(t);
    await t.manager.browser.put(`${SETTINGS}?project=${projectId}`, {
      layout: [{ i: "team", x: 0, y: 0, w: 6, h: 6 }],
    });

    const projectReset = await t.manager.browser.delete(`${SETTINGS}?project=${projectId}`);
    expect(projectReset.status).toBe(200);
    expect(projectReset.body).toMatchObject({ projectId, source: "allProjects", layout: arranged });

    const allReset = await t.manager.browser.delete(SETTINGS);
    expect(allReset.body).toMatchObject({ projectId: null, source: "default", layout: [] });
    expect((await t.manager.browser.get(`${SETTINGS}?project=${projectId}`)).body.source).toBe("default");
  });

  it("rejects a layout outside the grid, an unknown widget and a bad preference with 422 and field errors", async () => {
    const response = await t.rep.browser.put(SETTINGS, {
      layout: [
        { i: "heat", x: 10, y: 0, w: 4, h: 8 },
        { i: "weather", x: 0, y: 0, w: 4, h: 8 },
        { i: "team", x: -1, y: 0, w: 4, h: 0 },
      ],
      visibility: { heat: "yes" },
      preferences: { refreshSeconds: 7, density: "tiny" },
    });
    expect(response.status).toBe(422);
    expect(Object.keys(response.errors ?? {}).sort()).toEqual(
      [
        "layout.0.w",
        "layout.1.i",
        "layout.2.x",
        "layout.2.h",
        "visibility.heat",
        "preferences.refreshSeconds",
        "preferences.density",
      ].sort(),
    );
    expect(response.errors?.["layout.0.w"]).toEqual(["A widget must end inside the grid's 12 columns."]);
  });

  it("rejects the same widget twice and unknown fields", async () => {
    const twice = await t.rep.browser.put(SETTINGS, {
      layout: [
        { i: "heat", x: 0, y: 0, w: 4, h: 8 },
        { i: "heat", x: 4, y: 0, w: 4, h: 8 },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.errors?.["layout.1.i"]).toEqual(["Each widget appears once."]);
    const extra = await t.rep.browser.put(SETTINGS, { userId: t.manager.userId, layout: [] });
    expect(extra.status).toBe(422);
  });

  it("a project id that is not a uuid is 422; another organization's project is 404 and saves nothing", async () => {
    expect((await t.rep.browser.get(`${SETTINGS}?project=nope`)).status).toBe(422);
    const outsider: Person = await signUpPerson({ prefix: "outsider" });
    const foreign = await outsider.browser.post("/api/v1/projects", { name: uniqueName("Foreign") });
    expect(foreign.status).toBe(201);
    const response = await t.manager.browser.put(`${SETTINGS}?project=${foreign.body.project.id}`, { layout: [] });
    expect(response.status).toBe(404);
    const theirs = await t.manager.browser.get(`${SETTINGS}?project=${foreign.body.project.id}`);
    expect(theirs.body.source).not.toBe("project");
  });

  it("signed out is 401", async () => {
    expect((await new Browser().get(SETTINGS)).status).toBe(401);
  });
});
