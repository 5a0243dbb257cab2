import { latestInbound } from "@/lib/ai/conversation";
import { analyzeMessage, type Analysis } from "@/lib/ai/extract";
import { productWords } from "@/lib/ai/extract/products";
import { detectLanguage, templateLanguage } from "@/lib/ai/extract/text";
import { failureDetail } from "@/lib/ai/failures";
import { composeReply } from "@/lib/ai/reply";
import { draftResultSchema, type AiProvider, type DraftOutcome, type DraftRequest } from "@/lib/ai/types";

/** The rules version travels as the "model", so a draft says which rules wrote it. */
export const LOCAL_MODEL = "kiln-rules-1";

/** Reads a message with the rules (no reply); used by the provider, `npm run ai:extract` and the eval. */
export function analyzeRequest(request: DraftRequest): Analysis {
  const text = latestInbound(request.history);
  const agentLang = templateLanguage(request.agent.language);
  return analyzeMessage(text, {
    now: new Date(request.now),
    lang: text ? detectLanguage(text, agentLang) : agentLang,
    need: { productWords: productWords(request.agent.business) },
  });
}

/**
 * The offline assistant: deterministic rules for BANT, intent, heat and injection, and templated
 * replies in English or German. Used whenever no OPENAI_API_KEY is configured, so drafting,
 * approvals and the agent test console all work without any external service.
 */
export function localProvider(): AiProvider {
  return {
    name: "local",
    model: LOCAL_MODEL,
    async draft(request: DraftRequest, options?: { signal?: AbortSignal }): Promise<DraftOutcome> {
      const base = { provider: "local" as const, model: LOCAL_MODEL, attempts: 1 };
      if (options?.signal?.aborted) return { ok: false, reason: "error", detail: failureDetail("cancelled"), ...base };
      try {
        const analysis = analyzeRequest(request);
        const reply = composeReply({ request, analysis, lang: analysis.language });
        const result = draftResultSchema.parse({
          reply,
          bant: analysis.bant,
          intent: analysis.intent,
          heat: analysis.heat,
          confidence: analysis.confidence,
          injection: analysis.injection,
          injectionQuote: analysis.injectionQuote,
        });
        return { ok: true, result, usage: null, ...base };
      } catch {
        // A bug in the rules must not take drafting down: the caller turns this into a manual-review task.
        return { ok: false, reason: "error", detail: failureDetail("assistant_failed"), ...base };
      }
    },
  };
}
