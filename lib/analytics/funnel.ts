/**
 * The BANT qualification funnel's steps and what each converts from: one definition for the
 * dashboard widget, the PDF and the CSV. Pure; safe in the browser.
 */
import type { PipelineSteps } from "./types";

export type PipelineStep = keyof PipelineSteps;
export const PIPELINE_STEPS = [
  "created",
  "budget",
  "authority",
  "need",
  "timeline",
  "qualified",
  "meetingScheduled",
  "meetingHeld",
  "won",
] as const satisfies readonly PipelineStep[];

/** Share of `part` in `whole` (0..1), or null when there is nothing to divide. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The step each funnel step converts from: the nearest step whose leads include all of its
 * leads, so no conversion can pass 100 %. The BANT dimensions are confirmed in any order, so
 * each (and "qualified", all four) converts from the cohort; a held meeting and a win both
 * imply a booked meeting (PipelineSteps counts a won lead as scheduled).
 */
export const FUNNEL_PARENT: Record<Exclude<PipelineStep, "created">, PipelineStep> = {
  budget: "created",
  authority: "created",
  need: "created",
  timeline: "created",
  qualified: "created",
  meetingScheduled: "created",
  meetingHeld: "meetingScheduled",
  won: "meetingScheduled",
};

export type FunnelRow = { step: PipelineStep; count: number; from: PipelineStep | null; conversion: number | null };

/** Each funnel step with its conversion from its parent step (null for the cohort itself, or from zero). */
export function funnel(steps: PipelineSteps): FunnelRow[] {
  return PIPELINE_STEPS.map((step) => {
    if (step === "created") return { step, count: steps.created, from: null, conversion: null };
    const from = FUNNEL_PARENT[step];
    return { step, count: steps[step], from, conversion: rate(steps[step], steps[from]) };
  });
}
