import {
  applyBantUpdate,
  emptyBant,
  emptyEngagement,
  evaluate as evaluateLines,
  initialLeadScoring,
  MINUS,
  type Bant,
  type BantDimensionName,
  type BantStatus,
  type EngagementState,
  type Evaluation,
  type HeatContribution,
  type LeadScoringInput,
  type LeadScoringState,
  type SignalInput,
} from "@/lib/scoring";
import { englishHeatLine } from "@/lib/scoring/english";

/** An evaluation with its lines read in English (UTC times), as README.md quotes them. */
export type EnglishEvaluation = Omit<Evaluation, "explanation" | "summary" | "contributions"> & {
  explanation: string[];
  summary: string;
  contributions: (HeatContribution & { detail: string })[];
};

export const inEnglish = (c: HeatContribution) => ({ ...c, detail: englishHeatLine(c.line) });

/** `evaluate`, with the lines it states read in English. */
export function evaluate(lead: LeadScoringInput, signal: SignalInput, now: Date): EnglishEvaluation {
  const r = evaluateLines(lead, signal, now);
  return {
    ...r,
    explanation: r.explanation.map(englishHeatLine),
    summary: englishHeatLine(r.summary),
    contributions: r.contributions.map(inEnglish),
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A fixed Monday morning: every test's clock starts here. */
export const T0 = new Date("2026-03-02T09:00:00.000Z");
export const after = (ms: number, from: Date = T0) => new Date(from.getTime() + ms);
export const iso = (d: Date) => d.toISOString();

export const stateOf = (r: Pick<Evaluation, "bant" | "heat" | "engagement">): LeadScoringState => ({
  bant: r.bant,
  heat: r.heat,
  engagement: r.engagement,
});

/** Builds a BANT through the module's own update function. */
export function bantWith(statuses: Partial<Record<BantDimensionName, BantStatus>>): Bant {
  let bant = emptyBant();
  for (const [dimension, status] of Object.entries(statuses) as [BantDimensionName, BantStatus][]) {
    bant = applyBantUpdate(bant, { dimension, status, value: null, evidence: null });
  }
  return bant;
}

export const engagementWith = (partial: Partial<EngagementState>): EngagementState => ({
  ...emptyEngagement(),
  ...partial,
});

/** Feeds signals in order, each evaluated at its own time (or `at`), and returns every evaluation. */
export function replay(steps: [SignalInput, Date][], start: LeadScoringState = initialLeadScoring()) {
  let lead = start;
  const results: EnglishEvaluation[] = [];
  for (const [signal, now] of steps) {
    const r = evaluate(lead, signal, now);
    results.push(r);
    lead = stateOf(r);
  }
  const last = results.at(-1);
  if (!last) throw new Error("replay needs at least one step");
  return { lead, last, results };
}

/** The heat points at the end of explanation lines: "(+25)", "(−12)", "(±0)". BANT lines say "BANT" and are skipped. */
export function explainedPoints(explanation: string[]): number {
  let sum = 0;
  for (const line of explanation) {
    const m = /\((\+|\u2212|±)(\d+)\)$/.exec(line);
    if (!m) continue;
    const n = Number(m[2]);
    sum += m[1] === "+" ? n : m[1] === MINUS ? -n : 0;
  }
  return sum;
}

/**
 * A warm lead at T0 (score 36): partial budget (+6), replied 40 minutes after our message (+20, +10).
 */
export function warmLead(): LeadScoringState {
  return replay([
    [{ type: "bant_update", dimension: "budget", status: "partial", value: "around 20k", evidence: null }, T0],
    [{ type: "outbound_message", at: iso(T0) }, T0],
    [{ type: "inbound_reply", at: iso(after(40 * 60_000)) }, after(40 * 60_000)],
  ]).lead;
}

/**
 * A hot lead at T0 + 1h (score 66): budget, authority and need confirmed and timeline partial (+36),
 * a reply 30 minutes after our message (+20, +10).
 */
export function hotLead(): LeadScoringState {
  const statuses = { budget: "confirmed", authority: "confirmed", need: "confirmed", timeline: "partial" } as const;
  return replay([
    ...Object.entries(statuses).map(
      ([dimension, status]) =>
        [{ type: "bant_update", dimension, status, value: null, evidence: null } as SignalInput, T0] as [
          SignalInput,
          Date,
        ],
    ),
    [{ type: "outbound_message", at: iso(after(30 * 60_000)) }, after(30 * 60_000)],
    [{ type: "inbound_reply", at: iso(after(HOUR)) }, after(HOUR)],
  ]).lead;
}
