import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import * as direct from "@/lib/analytics/direct-leads";
import * as rollups from "@/lib/analytics/lead-rollups";
import { resolveRange } from "@/lib/analytics/range";
import { rebuildAnalytics } from "@/lib/analytics/rebuild";
import { seedDemoLeads } from "@/lib/demo/leads";
import { createProject } from "@/lib/orgs/projects";
import { createTestOrg, createTestUser, uniqueName, type TestUser } from "../helpers";

/** The demo's lead stories, backdated the way the seed does it, as the dashboard shows them. */
describe("the demo's lead history on the dashboard", { timeout: 240_000 }, () => {
  let owner: TestUser;
  let orgId: string;

  beforeAll(async () => {
    owner = await createTestUser({ fullName: "Demo Owner" });
    orgId = await createTestOrg(owner, uniqueName("Demo history"));
    await withRls(owner.claims, async (tx) => {
      const project = await createProject(tx, owner.id, orgId, { name: "Rooftops", description: "" });
      await seedDemoLeads(tx, {
        orgId,
        actor: { type: "user", id: owner.id, name: "Demo Owner" },
        ownerIds: [owner.id],
        projectIds: [project.id],
        count: 120,
        seed: 4242,
      });
    });
  });

  afterAll(() => closeDatabase());

  const progression90 = () =>
    withRls(owner.claims, (tx) =>
      rollups.progressionWidget(tx, resolveRange({ range: "90d", timeZone: "Europe/Zurich" }), orgId),
    );

  it("shows leads warming up and cooling down over the last 90 days", async () => {
    const { days, medianSecondsToHot } = await progression90();
    const warmOrHotter = days.map((d) => d.warm + d.hot + d.burning);
    expect(new Set(days.map((d) => d.cold + d.warm + d.hot + d.burning)).size).toBeGreaterThan(10); // leads arrive
    // Somewhere in the range more leads ran warm or hotter than today: some have cooled since.
    expect(Math.max(...warmOrHotter)).toBeGreaterThan(warmOrHotter[warmOrHotter.length - 1]!);
    expect(days.some((d) => d.hot + d.burning > 0)).toBe(true);
    expect(medianSecondsToHot.current).not.toBeNull();
  });

  it("answers like the direct aggregates, and a rebuild changes nothing", async () => {
    const q = resolveRange({ range: "90d", timeZone: "Europe/Zurich" });
    const truth = await withService((tx) => direct.progressionWidget(tx, q, { orgId, restrictedTo: null }));
    const before = await progression90();
    expect(before.days).toEqual(truth.days);
    await withService((tx) => rebuildAnalytics(tx, orgId));
    expect(await progression90()).toEqual(before);
  });
});
