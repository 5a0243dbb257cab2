import { describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { decayLeads } from "@/lib/leads/decay";
import { createLead } from "@/lib/leads/mutations";
import { applySignals } from "@/lib/leads/signals";
import { createTestOrg, createTestUser } from "./helpers";
import { REASON_COLUMNS, withReasonText } from "./timeline-text";

const DAY = 86_400_000;

describe("daily heat review", () => {
  it("cools a lead that went silent, with the system as actor and the reason on its timeline", async () => {
    const owner = await createTestUser({ fullName: "Dora Weiss" });
    const orgId = await createTestOrg(owner, `Decay ${owner.id.slice(0, 8)}`);
    const actor = { type: "user" as const, id: owner.id, name: "Dora Weiss" };
    const twelveDaysAgo = new Date(Date.now() - 12 * DAY);

    const leadId = await withRls(owner.claims, async (tx) => {
      const id = await createLead(tx, actor, orgId, {
        name: "Silent Prospect",
        email: `silent-${owner.id.slice(0, 8)}@example.test`,
      });
      await applySignals(tx, {
        orgId,
        leadId: id,
        actor,
        now: twelveDaysAgo,
        signals: [
          { type: "inbound_reply", at: twelveDaysAgo.toISOString(), responseSeconds: 600 },
          {
            type: "bant_update",
            at: twelveDaysAgo.toISOString(),
            dimension: "need",
            status: "confirmed",
            value: "Rooftop array",
            evidence: { kind: "user", by: "set by Dora Weiss" },
          },
          {
            type: "bant_update",
            at: twelveDaysAgo.toISOString(),
            dimension: "budget",
            status: "confirmed",
            value: "CHF 20k",
            evidence: { kind: "user", by: "set by Dora Weiss" },
          },
        ],
      });
      return id;
    });
    const before = await withService(
      async (tx) =>
        (
          await tx.query<{ heat_level: string; heat_score: number }>(
            "select heat_level, heat_score from public.leads where id = $1",
            [leadId],
          )
        ).rows[0]!,
    );

    const report = await decayLeads({ olderThanHours: 1 });
    expect(report.evaluated).toBeGreaterThanOrEqual(1);

    const after = await withService(
      async (tx) =>
        (
          await tx.query<{ heat_level: string; heat_score: number }>(
            "select heat_level, heat_score from public.leads where id = $1",
            [leadId],
          )
        ).rows[0]!,
    );
    expect(after.heat_score).toBeLessThan(before.heat_score);
    const events = await withService(async (tx) =>
      (
        await tx.query<{
          type: string;
          actor_type: string;
          reason: string | null;
          reason_key: string | null;
          reason_params: Record<string, unknown>;
        }>(
          `select type, actor_type, ${REASON_COLUMNS} from public.lead_events where lead_id = $1 order by created_at`,
          [leadId],
        )
      ).rows.map(withReasonText),
    );
    const review = events.filter((e) => e.actor_type === "system");
    expect(review.length).toBeGreaterThanOrEqual(1);
    expect(review.map((e) => e.reason).join("\n")).toMatch(/silen|reply|days/i);

    // A second run the same day moves nothing and leaves no timeline noise.
    const countEvents = async () =>
      withService(
        async (tx) =>
          (await tx.query<{ n: number }>("select count(*) as n from public.lead_events where lead_id = $1", [leadId]))
            .rows[0]!.n,
      );
    const eventsBefore = await countEvents();
    const again = await decayLeads({ olderThanHours: 0 });
    expect(await countEvents()).toBe(eventsBefore);
    const stillAfter = await withService(
      async (tx) =>
        (await tx.query<{ heat_score: number }>("select heat_score from public.leads where id = $1", [leadId]))
          .rows[0]!,
    );
    expect(stillAfter.heat_score).toBe(after.heat_score);
    expect(again.evaluated).toBeGreaterThanOrEqual(0);
  });

  it("lowers a lead whose held meeting no longer keeps it hot, 14 days after the meeting", async () => {
    const owner = await createTestUser({ fullName: "Ivo Brunner" });
    const orgId = await createTestOrg(owner, `Floor ${owner.id.slice(0, 8)}`);
    const actor = { type: "user" as const, id: owner.id, name: "Ivo Brunner" };
    const now = new Date();
    const [bookedAt, meetingAt] = [new Date(now.getTime() - 20 * DAY), new Date(now.getTime() - 16 * DAY)];

    const leadId = await withRls(owner.claims, async (tx) => {
      const id = await createLead(tx, actor, orgId, {
        name: "Met Once",
        email: `met-once-${owner.id.slice(0, 8)}@example.test`,
      });
      const meeting = { meetingId: "cal_floor", startsAt: meetingAt.toISOString() };
      const booked = await applySignals(tx, {
        orgId,
        leadId: id,
        actor,
        now: bookedAt,
        signals: [{ type: "meeting_booked", at: bookedAt.toISOString(), ...meeting }],
      });
      expect(booked.heatLevelChanged).toEqual({ from: "cold", to: "hot" });
      const held = await applySignals(tx, {
        orgId,
        leadId: id,
        actor,
        now: meetingAt,
        signals: [{ type: "meeting_held", at: meetingAt.toISOString(), meetingId: meeting.meetingId }],
      });
      expect(held.evaluation.heat).toMatchObject({ level: "hot", score: 55 });
      return id;
    });

    await decayLeads({ now, olderThanHours: 1 });

    const lead = await withService(
      async (tx) =>
        (
          await tx.query<{ heat_level: string; heat_score: number }>(
            "select heat_level, heat_score from public.leads where id = $1",
            [leadId],
          )
        ).rows[0]!,
    );
    // 25 booked + 15 held − 26 for 16 silent days: the floor lapsed 2 days ago.
    expect(lead).toEqual({ heat_level: "cold", heat_score: 14 });
    const change = await withService(
      async (tx) =>
        (
          await tx.query<{ actor_type: string; data: { from: string; to: string } }>(
            `select actor_type, data from public.lead_events
              where lead_id = $1 and type = 'heat_changed' order by created_at desc, id desc limit 1`,
            [leadId],
          )
        ).rows[0]!,
    );
    expect(change).toMatchObject({ actor_type: "system", data: { from: "hot", to: "cold" } });
  });
});
