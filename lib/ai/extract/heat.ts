import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName, HeatLevel } from "@/lib/scoring/types";

/**
 * The temperature a message suggests on its own (the scoring engine still decides the lead's level):
 * - cold: a stop, a refusal, a disqualified dimension, an objection with nothing positive, small talk,
 *   or a message with no buying signal at all.
 * - warm: interest, a question, or any BANT signal.
 * - hot: a meeting request; three or more confirmed dimensions; urgency.
 * - burning: ready to buy now: a meeting request with three confirmed dimensions, or urgency with a
 *   confirmed budget and three confirmed dimensions.
 * A message that tries to instruct the assistant is never more than warm.
 */
export function suggestHeat(input: {
  intent: Intent;
  bant: Record<BantDimensionName, BantFinding | null>;
  injection: boolean;
}): HeatLevel {
  const { intent, bant, injection } = input;
  const findings = Object.values(bant).filter((f): f is BantFinding => f !== null);
  const confirmed = findings.filter((f) => f.status === "confirmed").length;
  const anySignal = findings.some((f) => f.status === "confirmed" || f.status === "partial");
  const urgent = bant.timeline?.status === "confirmed" && bant.timeline.value === "ASAP";
  const disqualified = (["budget", "need", "timeline"] as const).some((d) => bant[d]?.status === "disqualified");

  if (intent === "unsubscribe" || intent === "not_interested" || disqualified) return "cold";
  let level: HeatLevel;
  const budgetReady = bant.budget?.status === "confirmed";
  if (intent === "meeting_request") level = confirmed >= 3 ? "burning" : "hot";
  else if (urgent && budgetReady && confirmed >= 3) level = "burning";
  else if (confirmed >= 3 || urgent) level = "hot";
  else if (intent === "objection") level = confirmed >= 1 ? "warm" : "cold";
  else if (intent === "smalltalk") level = "cold";
  else if (intent === "interested" || intent === "question" || anySignal) level = "warm";
  else level = "cold";
  if (injection && (level === "hot" || level === "burning")) return "warm";
  if (injection && !anySignal) return "cold";
  return level;
}
