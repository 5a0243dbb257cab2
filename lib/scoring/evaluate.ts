import {
  BANT_DIMENSIONS,
  leadScoringStateSchema,
  signalSchema,
  type Bant,
  type EngagementState,
  type Evaluation,
  type HeatContribution,
  type HeatLevel,
  type HeatOverride,
  type LeadScoringInput,
  type LeadScoringState,
  type Signal,
  type SignalInput,
} from "./types";
import { applyBantUpdate, bantScore, isBantQualified, isDisqualified, sameDimension, emptyBant } from "./bant";
import { RULES_VERSION, activeOverride, goneDetail, heatScore, levelFor } from "./heat";
import { applyEngagementSignal, emptyEngagement, nextMeetingAt } from "./engagement";
import { formatPoints, formatTimestamp, quote } from "./format";

/** A lead nobody knows anything about yet: BANT unknown, cold at 0. */
export function initialLeadScoring(): LeadScoringState {
  return { bant: emptyBant(), heat: { level: "cold", score: 0, override: null }, engagement: emptyEngagement() };
}

const SIGNAL_LABELS: Record<Signal["type"], string> = {
  inbound_reply: "Reply from the lead",
  outbound_message: "Message sent to the lead",
  meeting_booked: "Meeting booked",
  meeting_rescheduled: "Meeting rescheduled",
  meeting_held: "Meeting held",
  meeting_canceled: "Meeting canceled",
  meeting_no_show: "Meeting no-show",
  meeting_no_show_cleared: "No-show cleared",
  bant_update: "BANT update",
  heat_override: "Heat override",
  heat_override_cleared: "Heat override cleared",
  decay: "Daily re-evaluation",
};

const until = (o: HeatOverride) => (o.expiresAt ? `until ${formatTimestamp(o.expiresAt)}` : "until cleared");

function applyOverrideSignal(
  override: HeatOverride | null,
  signal: Signal,
  now: Date,
): { override: HeatOverride | null; notes: string[]; touched: boolean } {
  if (signal.type === "heat_override") {
    const next: HeatOverride = {
      level: signal.level,
      reason: signal.reason,
      by: signal.by,
      at: signal.at,
      expiresAt: signal.expiresAt ?? null,
    };
    if (activeOverride({ override: next }, now) === null) {
      return { override, notes: [`Override to ${signal.level} by ${signal.by} had already expired: ignored`], touched: false };
    }
    const replacing = override ? `, replacing the override by ${override.by}` : "";
    return {
      override: next,
      notes: [`${signal.by} pinned the level at ${next.level}: ${quote(next.reason)} (${until(next)}${replacing})`],
      touched: true,
    };
  }
  if (signal.type === "heat_override_cleared") {
    if (!override) return { override, notes: ["No override to clear: nothing changed"], touched: false };
    return {
      override: null,
      notes: [`${signal.by} cleared the override (${override.level}, set by ${override.by}): the level follows the score again`],
      touched: true,
    };
  }
  return { override, notes: [], touched: false };
}

/** Lines for every contribution whose points moved, plus every BANT dimension the signal changed. */
function contributionLines(before: HeatContribution[], after: HeatContribution[], bantChanged: readonly string[]): string[] {
  const lines: string[] = [];
  const previous = new Map(before.map((c) => [c.signal, c]));
  for (const c of after) {
    const delta = c.points - (previous.get(c.signal)?.points ?? 0);
    const dimensionChanged = c.signal.startsWith("bant.") && bantChanged.includes(c.signal.slice(5));
    if (delta !== 0 || dimensionChanged) lines.push(`${c.detail} (${formatPoints(delta)})`);
    previous.delete(c.signal);
  }
  for (const gone of previous.values()) {
    if (gone.points !== 0) lines.push(`${goneDetail(gone)} (${formatPoints(-gone.points)})`);
  }
  return lines;
}

function summarize(
  from: { score: number; level: HeatLevel },
  to: { score: number; level: HeatLevel },
  pinned: HeatOverride | null,
): string {
  const score = from.score === to.score ? `Heat ${to.score} (unchanged)` : `Heat ${from.score} → ${to.score} (${formatPoints(to.score - from.score)})`;
  const byOverride = pinned ? " (manager override)" : "";
  if (from.level !== to.level) return `${score}: ${from.level} → ${to.level}${byOverride}`;
  return `${score}; ${pinned ? "pinned at" : "stays"} ${to.level}`;
}

/**
 * Applies one signal to a lead and recomputes its scores at `now`. Pure: the caller stores `bant`,
 * `heat` and `engagement`, appends a timeline event with `summary` and `explanation`, and emits
 * notifications when `changes` says so.
 *
 * Safe to repeat: the same meeting event counts once, replies and messages only move timestamps
 * forward, and an unchanged BANT update changes nothing. Invalid input throws a ZodError.
 */
export function evaluate(leadInput: LeadScoringInput, signalInput: SignalInput, now: Date): Evaluation {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError("evaluate: `now` must be a valid Date");
  const lead = leadScoringStateSchema.parse(leadInput);
  const signal = signalSchema.parse(signalInput);

  // The breakdown as it stood at the previous evaluation, so time passing is explained too.
  const previousAt = lead.engagement.lastEvaluatedAt ? new Date(lead.engagement.lastEvaluatedAt) : now;
  const before = heatScore(lead.bant, lead.engagement, previousAt);

  // 1. Apply the signal.
  let bant: Bant = lead.bant;
  let engagement: EngagementState = lead.engagement;
  const notes: string[] = [];
  switch (signal.type) {
    case "bant_update":
      bant = applyBantUpdate(bant, signal);
      break;
    case "heat_override":
    case "heat_override_cleared":
    case "decay":
      break;
    default: {
      const step = applyEngagementSignal(engagement, signal);
      engagement = step.engagement;
      notes.push(...step.notes);
    }
  }
  const overrideStep = applyOverrideSignal(lead.heat.override, signal, now);
  notes.push(...overrideStep.notes);
  let override = overrideStep.override;
  if (override && activeOverride({ override }, now) === null) {
    notes.push(`Override to ${override.level} by ${override.by} expired on ${formatTimestamp(override.expiresAt!)}: the level follows the score again`);
    override = null;
  }

  // 2. Recompute.
  engagement = { ...engagement, nextMeetingAt: nextMeetingAt(engagement, now), lastEvaluatedAt: now.toISOString() };
  const after = heatScore(bant, engagement, now);
  const level = override ? override.level : levelFor(after.score);

  // 3. Explain.
  const bantChanged = BANT_DIMENSIONS.filter((d) => !sameDimension(lead.bant[d], bant[d]));
  const explanation = [...notes];
  if (before.score !== lead.heat.score) {
    explanation.push(`Recalculated with the current scoring rules (${formatPoints(before.score - lead.heat.score)})`);
  }
  explanation.push(...contributionLines(before.contributions, after.contributions, bantChanged));
  const [bantBefore, bantAfter] = [bantScore(lead.bant), bantScore(bant)];
  const becameBantQualified = !isBantQualified(lead.bant) && isBantQualified(bant);
  if (bantAfter !== bantBefore) explanation.push(`BANT ${bantBefore} → ${bantAfter} of 100 (${formatPoints(bantAfter - bantBefore)} BANT)`);
  if (becameBantQualified) explanation.push("BANT qualified: all four dimensions confirmed");
  if (override && !overrideStep.touched) {
    explanation.push(
      `Level pinned at ${override.level} by ${override.by} since ${formatTimestamp(override.at)}: ${quote(override.reason)} (${until(override)})`,
    );
  }
  if (explanation.length === 0) explanation.push(`${SIGNAL_LABELS[signal.type]}: nothing changed`);

  return {
    bant,
    heat: { level, score: after.score, override },
    engagement,
    bantScore: bantAfter,
    changes: {
      bantChanged,
      heatLevelChanged: level === lead.heat.level ? null : { from: lead.heat.level, to: level },
      heatScoreDelta: after.score - lead.heat.score,
      bantScoreDelta: bantAfter - bantBefore,
      becameBantQualified,
      becameDisqualified: !isDisqualified(lead.bant) && isDisqualified(bant),
    },
    explanation,
    summary: summarize(lead.heat, { score: after.score, level }, override),
    contributions: after.contributions,
    rulesVersion: RULES_VERSION,
  };
}
