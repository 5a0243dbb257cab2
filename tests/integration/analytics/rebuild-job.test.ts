import { afterAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { rebuildJob } from "@/lib/analytics/workers";
import { JOB_CATALOG } from "@/lib/jobs/catalog";
import { createLead } from "@/lib/leads/mutations";
import { applySignals } from "@/lib/leads/signals";
import { createTestOrg, createTestUser, uniqueName } from "../helpers";

afterAll(() => closeDatabase());

const totalsOf = (orgId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query(
          `select project_id, owner_id, leads, cold, warm, hot, burning, budget, qualified, won
           from public.analytics_lead_totals where org_id = $1 and leads <> 0 order by owner_id nulls first`,
          [orgId],
        )
      ).rows,
  );

describe("the nightly analytics.rebuild job", () => {
  it("is scheduled daily in the job catalog", () => {
    const job = JOB_CATALOG.find((j) => j.name === "analytics.rebuild");
    expect(job?.schedule).toBe("30 2 * * *");
  });

  it("recomputes every organization's rollups from the source tables", async () => {
    const orgs: string[] = [];
    for (const name of ["Rebuild A", "Rebuild B"]) {
      const owner = await createTestUser({ fullName: "Rhea Rebuild" });
      const orgId = await createTestOrg(owner, uniqueName(name));
      await withRls(owner.claims, async (tx) => {
        const actor = { type: "user" as const, id: owner.id, name: "Rhea Rebuild" };
        const leadId = await createLead(tx, actor, orgId, { name: "Rebuilt Lead", ownerId: owner.id });
        await createLead(tx, actor, orgId, { name: "Unassigned Lead" });
        await applySignals(tx, {
          orgId,
          leadId,
          actor,
          signals: [{ type: "inbound_reply", at: new Date().toISOString(), responseSeconds: 60 }],
        });
      });
      orgs.push(orgId);
    }
    const kept = await Promise.all(orgs.map(totalsOf));
    // Rows written around the triggers (a manual fix gone wrong, a restored backup).
    await withService((tx) =>
      tx.query(
        "update public.analytics_lead_totals set hot = hot + 7, leads = leads + 7 where org_id = any($1::uuid[])",
        [orgs],
      ),
    );
    await withService((tx) =>
      tx.query("delete from public.analytics_heat_history where org_id = any($1::uuid[])", [orgs]),
    );
    await rebuildJob.run({}, { id: "test", attempt: 1 });
    expect(await Promise.all(orgs.map(totalsOf))).toEqual(kept);
    const history = await withService(
      async (tx) =>
        (
          await tx.query(
            "select count(*)::int as n from public.analytics_heat_history where org_id = any($1::uuid[])",
            [orgs],
          )
        ).rows[0] as { n: number },
    );
    expect(history.n).toBeGreaterThan(0);
  });
});
