import { HEAT_LEVELS } from "@/lib/scoring/types";
import { analyzeRequest } from "./providers/local";
import type { DraftRequest, DraftResult } from "./types";

/**
 * The offline rules watch every provider's reading for instructions hidden in the lead's text: a
 * model may miss one the rules see, and may be swayed by it. A flagged message keeps the model's
 * reply (a person reviews it) but its heat can only go down to what the genuine content, with the
 * instruction cut out, suggests: never up because the lead asked.
 */
export function guardInjection(result: DraftResult, request: DraftRequest): DraftResult {
  const rules = analyzeRequest(request);
  const injection = result.injection || rules.injection;
  if (!injection) return result;
  const heat = HEAT_LEVELS.indexOf(result.heat) > HEAT_LEVELS.indexOf(rules.heat) ? rules.heat : result.heat;
  return { ...result, injection, heat, injectionQuote: result.injectionQuote ?? rules.injectionQuote };
}
