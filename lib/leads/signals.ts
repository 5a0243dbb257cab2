/**
 * The one way a lead's BANT and HEAT change. Inbox, AI, Calendly, imports and manual
 * edits all call applySignals: it locks the lead, folds each signal through the scoring
 * engine, writes the lead once and appends a timeline event per change, with the
 * engine's explanation. Heat level changes and "BANT qualified" are timeline events of
 * their own, which the notifications module consumes.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/notify";
import {
  evaluate,
  heatLine,
  isBantQualified,
  withPoints,
  type Evaluation,
  type HeatLevel,
  type HeatLine,
  type Signal,
} from "@/lib/scoring";
import { insertLeadEvent } from "./events";
import type { Actor } from "./types";

type LockedLead = {
  bant: unknown;
  heat_level: string;
  heat_score: number;
  heat_override: unknown;
  engagement: unknown;
};

export type SignalOutcome = {
  heatLevelChanged: { from: string; to: string } | null;
  becameBantQualified: boolean;
  /** The engine's lines for every signal applied, as { key, params }: render with renderHeatLine. */
  lines: HeatLine[];
  evaluation: Evaluation;
};

const ENGAGEMENT_SIGNALS = new Set([
  "inbound_reply",
  "outbound_message",
  "meeting_booked",
  "meeting_rescheduled",
  "meeting_held",
]);

export async function applySignals(
  tx: Tx,
  input: { orgId: string; leadId: string; signals: Signal[]; actor: Actor; now?: Date },
): Promise<SignalOutcome> {
  const now = input.now ?? new Date();
  // By primary key alone: with `and org_id = $2` the planner, when an organization is newer
  // than the table's statistics, walked that organization's leads through an org index
  // (8 ms instead of 0.09 ms, measured by bench/webhooks.bench.ts). The org is checked here.
  const { rows } = await tx.query<LockedLead & { org_id: string; deleted_at: Date | null }>(
    `select org_id, deleted_at, bant, heat_level, heat_score, heat_override, engagement from public.leads
      where id = $1 for update`,
    [input.leadId],
  );
  const lead = rows[0];
  if (!lead || lead.org_id !== input.orgId || lead.deleted_at) throw notFound("leadNotFound");

  let state = {
    bant: lead.bant,
    heat: { level: lead.heat_level, score: lead.heat_score, override: lead.heat_override ?? null },
    engagement: lead.engagement,
  };
  const startLevel = lead.heat_level;
  let evaluation: Evaluation | undefined;
  let becameBantQualified = false;
  let activityAt: Date | null = null;
  const explanation: HeatLine[] = [];

  for (const signal of input.signals) {
    evaluation = evaluate(state as never, signal, now);
    state = { bant: evaluation.bant, heat: evaluation.heat, engagement: evaluation.engagement } as typeof state;
    becameBantQualified ||= evaluation.changes.becameBantQualified;
    explanation.push(...evaluation.explanation);
    if (ENGAGEMENT_SIGNALS.has(signal.type) && "at" in signal && signal.at) {
      const at = new Date(signal.at);
      if (!activityAt || at > activityAt) activityAt = at;
    }

    if (signal.type === "bant_update") {
      await insertLeadEvent(tx, {
        orgId: input.orgId,
        leadId: input.leadId,
        type: "bant_changed",
        actor: input.actor,
        // The scoring engine's line for this dimension ({ key, params }, reasons.ts: `scoring`).
        reasonKey: "scoring",
        reasonParams: {
          lines: [
            evaluation.explanation.find(
              (line) => line.key === "bant_dimension" && line.params.dimension === signal.dimension,
            ) ?? evaluation.summary,
          ],
        },
        evidence: signal.evidence,
        data: {
          dimension: signal.dimension,
          status: signal.status,
          value: signal.value,
          bantScore: evaluation.bantScore,
        },
      });
    } else if (signal.type === "heat_override" || signal.type === "heat_override_cleared") {
      await insertLeadEvent(tx, {
        orgId: input.orgId,
        leadId: input.leadId,
        type: "heat_override",
        actor: input.actor,
        // The manager's reason is free text, stored as typed; clearing is a kind of its own.
        ...(signal.type === "heat_override"
          ? { reason: signal.reason }
          : { reasonKey: "heat_override_cleared" as const }),
        data:
          signal.type === "heat_override"
            ? { level: signal.level, expiresAt: signal.expiresAt ?? null }
            : { cleared: true },
      });
    } else if (signal.type !== "decay" || evaluation.changes.heatScoreDelta !== 0) {
      // A daily review that moved nothing leaves no trace; every other signal is worth a line.
      await insertLeadEvent(tx, {
        orgId: input.orgId,
        leadId: input.leadId,
        type: "signal",
        actor: input.actor,
        reasonKey: "scoring",
        reasonParams: { lines: [evaluation.summary] },
        data: { signal: signal.type, heatScore: evaluation.heat.score },
      });
    }
  }
  if (!evaluation) throw new Error("applySignals needs at least one signal");

  const final = evaluation;
  const heatLevelChanged = final.heat.level !== startLevel ? { from: startLevel, to: final.heat.level } : null;
  // Why the lead stands where it does now: the net contributions, not each folded step's
  // intermediate lines (which would show clamping at 0 between steps, say).
  const contributions = final.contributions.filter((c) => c.points !== 0).map((c) => withPoints(c.line, c.points));
  const override = final.heat.override;
  const standing: HeatLine[] = [
    heatLine("heat_score", { from: lead.heat_score, to: final.heat.score }),
    ...contributions,
    ...(override ? [heatLine("pinned", { by: override.by, level: override.level, reason: override.reason })] : []),
  ];
  // The lead is locked and its organization checked above. Members may not write these columns
  // themselves (the Data API would let them): private.store_lead_scoring stores the engine's
  // result, checking the caller may see the lead and, for a changed heat override, is a manager.
  // It updates by primary key only.
  await tx.query("select private.store_lead_scoring($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", [
    input.leadId,
    final.bant,
    final.bantScore,
    isBantQualified(final.bant),
    final.heat.level,
    final.heat.score,
    final.heat.override,
    JSON.stringify(standing.slice(0, 20)),
    final.engagement,
    activityAt,
  ]);
  if (heatLevelChanged) {
    await insertLeadEvent(tx, {
      orgId: input.orgId,
      leadId: input.leadId,
      type: "heat_changed",
      actor: input.actor,
      reasonKey: "heat_changed",
      reasonParams: {
        scoreFrom: lead.heat_score,
        scoreTo: final.heat.score,
        lines: contributions,
        ...(final.heat.override
          ? {
              override: {
                by: final.heat.override.by,
                level: final.heat.override.level,
                reason: final.heat.override.reason,
              },
            }
          : {}),
      },
      data: { from: heatLevelChanged.from, to: heatLevelChanged.to, score: final.heat.score },
    });
  }
  if (becameBantQualified) {
    await insertLeadEvent(tx, {
      orgId: input.orgId,
      leadId: input.leadId,
      type: "bant_qualified",
      actor: input.actor,
      reasonKey: "bant_qualified",
    });
  }
  // The notifications module decides who hears about it (the owner, not the person who made the change).
  if (heatLevelChanged) {
    await notify(tx, {
      kind: "heat_changed",
      orgId: input.orgId,
      leadId: input.leadId,
      from: heatLevelChanged.from as HeatLevel,
      to: heatLevelChanged.to as HeatLevel,
      lines: explanation.length ? explanation.slice(0, 3) : [final.summary],
    });
  }
  if (becameBantQualified) await notify(tx, { kind: "bant_qualified", orgId: input.orgId, leadId: input.leadId });
  return { heatLevelChanged, becameBantQualified, lines: explanation, evaluation: final };
}
