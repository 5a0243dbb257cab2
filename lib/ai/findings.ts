import { BANT_DIMENSIONS, type BantDimensionName } from "@/lib/scoring/types";
import { BANT_FINDING_CONFIDENCE_THRESHOLD, type BantFinding, type DraftResult } from "./types";

export type Finding = BantFinding & { dimension: BantDimensionName };

/**
 * Splits a draft's BANT findings into those confident enough to apply to the lead and those to
 * offer as suggestions (below BANT_FINDING_CONFIDENCE_THRESHOLD). Unknown findings are neither:
 * "nothing said" must never overwrite what the lead said earlier.
 */
export function splitFindings(result: Pick<DraftResult, "bant">): { apply: Finding[]; suggest: Finding[] } {
  const apply: Finding[] = [];
  const suggest: Finding[] = [];
  for (const dimension of BANT_DIMENSIONS) {
    const f = result.bant[dimension];
    if (!f || f.status === "unknown") continue;
    (f.confidence >= BANT_FINDING_CONFIDENCE_THRESHOLD ? apply : suggest).push({ dimension, ...f });
  }
  return { apply, suggest };
}
