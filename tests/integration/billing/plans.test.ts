import { afterAll, describe, expect, it } from "vitest";
import { PLAN_AGENT_LIMITS } from "@/lib/agents/types";
import { PAST_DUE_GRACE_DAYS, PLAN_LIMITS, PLANS } from "@/lib/billing/plans";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";

/** lib/billing/plans.ts is what the API and the UI explain; the database enforces the same numbers. */
afterAll(() => closeDatabase());

describe("plan limits", () => {
  it.each(PLANS)("the database's limits for %s match lib/billing/plans.ts", async (plan) => {
    const limits = await withService(
      async (tx) =>
        (
          await tx.query<{ agents: number; numbers: number; seats: number }>(
            `select private.plan_limit($1, 'agents') as agents, private.plan_limit($1, 'numbers') as numbers,
                    private.plan_limit($1, 'seats') as seats`,
            [plan],
          )
        ).rows[0]!,
    );
    expect(limits).toEqual({
      agents: PLAN_LIMITS[plan].agents,
      numbers: PLAN_LIMITS[plan].numbers,
      seats: PLAN_LIMITS[plan].seats,
    });
    expect(PLAN_AGENT_LIMITS[plan]).toBe(PLAN_LIMITS[plan].agents);
  });

  it("keeps agents 1/3/10 and numbers 1/2/5", () => {
    expect(PLANS.map((p) => PLAN_LIMITS[p].agents)).toEqual([1, 3, 10]);
    expect(PLANS.map((p) => PLAN_LIMITS[p].numbers)).toEqual([1, 2, 5]);
  });

  it("has the same grace period as the database", async () => {
    const days = await withService(
      async (tx) => (await tx.query<{ d: number }>("select private.billing_grace_days() as d")).rows[0]!.d,
    );
    expect(days).toBe(PAST_DUE_GRACE_DAYS);
  });

  it("an installation that charges nobody never ends a trial, and charging again starts a fresh one", async () => {
    // One transaction, rolled back: the flag is the whole database's and other tests share it.
    const rollback = new Error("rollback");
    const seen = await withService(async (tx) => {
      const org = async (name: string) =>
        (await tx.query<{ id: string }>("insert into public.organizations (name) values ($1) returning id", [name]))
          .rows[0]!.id;
      const state = async (id: string) =>
        (
          await tx.query<{ plan: string; status: string; trial: boolean; reason: string | null }>(
            `select plan, status, trial_end is not null as trial, private.billing_block_reason(org_id) as reason
               from public.subscriptions where org_id = $1`,
            [id],
          )
        ).rows[0]!;
      const lapsed = await org("Lapsed trial");
      await tx.query(
        "update public.subscriptions set plan = 'basic', trial_end = now() - interval '1 day' where org_id = $1",
        [lapsed],
      );
      const before = await state(lapsed);
      await tx.query("select private.set_billing_enforced(false)");
      const freed = await state(lapsed);
      const created = await state(await org("Self-hosted"));
      await tx.query("select private.set_billing_enforced(true)");
      const charged = await state(lapsed);
      throw Object.assign(rollback, { seen: { before, freed, created, charged } });
    }).catch((error: unknown) => {
      if (error !== rollback) throw error;
      return (error as Error & { seen: Record<string, unknown> }).seen;
    });
    expect(seen).toEqual({
      before: { plan: "basic", status: "trialing", trial: true, reason: "trial_ended" },
      freed: { plan: "enterprise", status: "active", trial: false, reason: null },
      created: { plan: "enterprise", status: "active", trial: false, reason: null },
      charged: { plan: "enterprise", status: "trialing", trial: true, reason: null },
    });
  });
});
