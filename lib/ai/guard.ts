import { HEAT_LEVELS } from "@/lib/scoring/types";
import { latestInbound } from "./conversation";
import { readInjection } from "./extract";
import { analyzeRequest } from "./providers/local";
import type { DraftRequest, DraftResult } from "./types";

/**
 * The offline rules watch every provider's reading for instructions hidden in the lead's text: a
 * model may miss one the rules see, and may be swayed by it. A flagged message keeps the model's
 * reply (a person reviews it) but its heat can only go down to what the genuine content, with the
 * instruction cut out, suggests: never up because the lead asked. Only a flagged message is read
 * in full by the rules (for that heat); the check itself is the injection scan alone.
 */
export function guardInjection(result: DraftResult, request: DraftRequest): DraftResult {
  const scan = readInjection(latestInbound(request.history));
  if (!result.injection && !scan.injection) return result;
  const genuine = analyzeRequest(request).heat;
  const heat = HEAT_LEVELS.indexOf(result.heat) > HEAT_LEVELS.indexOf(genuine) ? genuine : result.heat;
  return { ...result, injection: true, heat, injectionQuote: result.injectionQuote ?? scan.quote };
}
