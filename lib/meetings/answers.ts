/**
 * A Calendly booking form's answers ("What would you like to discuss?", "Budget?") read for
 * BANT with the same rules the assistant reads messages with (lib/ai/extract), and handed to
 * the lead's one path for findings (lib/approvals/suggestions.ts): confident findings are
 * applied with the answer quoted as evidence, the rest wait on the lead page as suggestions.
 */
import "server-only";
import { analyzeMessage } from "@/lib/ai/extract";
import type { BantFinding } from "@/lib/ai/types";
import { applyBantFindings } from "@/lib/approvals/suggestions";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/leads/types";
import { BANT_DIMENSIONS, type BantDimensionName } from "@/lib/scoring";

export type BookingAnswer = { question: string; answer: string };

/** The evidence's limit (lib/scoring/types.ts). */
const QUOTE_MAX = 500;

/**
 * The strongest finding per dimension across the answers, each quoting the whole answer it
 * came from (an answer is short and is what the lead wrote), and whether any answer tried to
 * instruct the assistant (then nothing is applied without a person). Pure.
 */
export function findingsFromAnswers(
  answers: readonly BookingAnswer[],
  now: Date,
): { findings: Partial<Record<BantDimensionName, BantFinding>>; injection: boolean } {
  const best: Partial<Record<BantDimensionName, BantFinding>> = {};
  let injection = false;
  for (const { answer } of answers) {
    const text = answer.trim();
    if (!text) continue;
    const analysis = analyzeMessage(text, { now });
    injection ||= analysis.injection;
    for (const dimension of BANT_DIMENSIONS) {
      const finding = analysis.bant[dimension];
      if (!finding || finding.status === "unknown") continue;
      if ((best[dimension]?.confidence ?? -1) >= finding.confidence) continue;
      best[dimension] = { ...finding, quote: text.slice(0, QUOTE_MAX) };
    }
  }
  return { findings: best, injection };
}

/** Reads a new booking's answers for its lead; nothing to do when the form asked nothing. */
export async function readBookingAnswers(
  tx: Tx,
  input: {
    orgId: string;
    leadId: string;
    meetingId: string;
    answers: readonly BookingAnswer[];
    actor: Actor;
    now?: Date;
  },
): Promise<{ applied: BantDimensionName[]; suggested: BantDimensionName[] }> {
  const now = input.now ?? new Date();
  const { findings, injection } = findingsFromAnswers(input.answers, now);
  if (!Object.keys(findings).length) return { applied: [], suggested: [] };
  return applyBantFindings(tx, {
    orgId: input.orgId,
    leadId: input.leadId,
    source: { meetingId: input.meetingId },
    findings,
    actor: input.actor,
    now,
    suggestOnly: injection,
  });
}
