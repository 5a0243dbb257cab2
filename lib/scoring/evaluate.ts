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
import { RULES_VERSION, activeOverride, goneLine, heatScore, levelFor } from "./heat";
import { applyEngagementSignal, emptyEngagement, nextMeetingAt } from "./engagement";
import { heatLine, withPoints, type HeatLine } from "./lines";

/** A lead nobody knows anything about yet: BANT unknown, cold at 0. */
export function initialLeadScoring(): LeadScoringState {
  return { bant: emptyBant(), heat: { level: "cold", score: 0, override: null }, engagement: emptyEngagement() };
}

function applyOverrideSignal(
  override: HeatOverride | null,
  signal: Signal,
  now: Date,
): { override: HeatOverride | null; notes: HeatLine[]; touched: boolean } {
  if (signal.type === "heat_override") {
    const next: HeatOverride = {
      level: signal.level,
      reason: signal.reason,
      by: signal.by,
      at: signal.at,
      expiresAt: signal.expiresAt ?? null,
    };
    if (activeOverride({ override: next }, now) === null) {
      return {
        override,
        notes: [heatLine("override_already_expired", { level: signal.level, by: signal.by })],
        touched: false,
      };
    }
    const pinned = {
      by: signal.by,
      level: next.level,
      reason: next.reason,
      expiresAt: next.expiresAt,
      replacing: override?.by ?? null,
    };
    return { override: next, notes: [heatLine("override_pinned", pinned)], touched: true };
  }
  if (signal.type === "heat_override_cleared") {
    if (!override) return { override, notes: [heatLine("override_nothing_to_clear")], touched: false };
    return {
      override: null,
      notes: [heatLine("override_cleared", { by: signal.by, level: override.level, setBy: override.by })],
      touched: true,
    };
  }
  return { override, notes: [], touched: false };
}

/** Lines for every contribution whose points moved, plus every BANT dimension the signal changed. */
function contributionLines(
  before: HeatContribution[],
  after: HeatContribution[],
  bantChanged: readonly string[],
  now: Date,
): HeatLine[] {
  const lines: HeatLine[] = [];
  const previous = new Map(before.map((c) => [c.signal, c]));
  for (const c of after) {
    const delta = c.points - (previous.get(c.signal)?.points ?? 0);
    const dimensionChanged = c.signal.startsWith("bant.") && bantChanged.includes(c.signal.slice(5));
    if (delta !== 0 || dimensionChanged) lines.push(withPoints(c.line, delta));
    previous.delete(c.signal);
  }
  for (const gone of previous.values()) {
    if (gone.points !== 0) lines.push(withPoints(goneLine(gone, now), -gone.points));
  }
  return lines;
}

const summaryLine = (
  from: { score: number; level: HeatLevel },
  to: { score: number; level: HeatLevel },
  pinned: HeatOverride | null,
): HeatLine =>
  heatLine("summary", {
    from: from.score,
    to: to.score,
    levelFrom: from.level,
    levelTo: to.level,
    pinned: pinned !== null,
  });

/**
 * Applies one signal to a lead and recomputes its scores at `now`. Pure: the caller stores `bant`,
 * `heat` and `engagement`, appends a timeline event with `summary` and `explanation`, and emits
 * notifications when `changes` says so.
 *
 * Safe to repeat: the same meeting event counts once, replies and messages only move timestamps
 * forward, and an unchanged BANT update changes nothing. Invalid input throws a ZodError.
 */
export function evaluate(leadInput: LeadScoringInput, signalInput: SignalInput, now: Date): Evaluation {
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError("evaluate: `now` must be a valid Date");
  const lead = leadScoringStateSchema.parse(leadInput);
  const signal = signalSchema.parse(signalInput);

  // The breakdown as it stood at the previous evaluation, so time passing is explained too.
  const previousAt = lead.engagement.lastEvaluatedAt ? new Date(lead.engagement.lastEvaluatedAt) : now;
  const before = heatScore(lead.bant, lead.engagement, previousAt);

  // 1. Apply the signal.
  let bant: Bant = lead.bant;
  let engagement: EngagementState = lead.engagement;
  const notes: HeatLine[] = [];
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
    notes.push(
      heatLine("override_expired", { level: override.level, by: override.by, expiresAt: override.expiresAt! }),
    );
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
    explanation.push(heatLine("recalculated", { points: before.score - lead.heat.score }));
  }
  explanation.push(...contributionLines(before.contributions, after.contributions, bantChanged, now));
  const [bantBefore, bantAfter] = [bantScore(lead.bant), bantScore(bant)];
  const becameBantQualified = !isBantQualified(lead.bant) && isBantQualified(bant);
  if (bantAfter !== bantBefore) explanation.push(heatLine("bant_score", { from: bantBefore, to: bantAfter }));
  if (becameBantQualified) explanation.push(heatLine("bant_qualified"));
  if (override && !overrideStep.touched) {
    explanation.push(
      heatLine("level_pinned", {
        level: override.level,
        by: override.by,
        at: override.at,
        reason: override.reason,
        expiresAt: override.expiresAt,
      }),
    );
  }
  if (explanation.length === 0) explanation.push(heatLine("nothing_changed", { signal: signal.type }));
  const summary = summaryLine(lead.heat, { score: after.score, level }, override);

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
    summary,
    contributions: after.contributions,
    rulesVersion: RULES_VERSION,
  };
}
