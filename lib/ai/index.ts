import "server-only";
import { aiConfig } from "./config";
import { localProvider } from "./providers/local";
import { openAiProvider } from "./providers/openai";
import type { AiProvider, ProviderName } from "./types";

/**
 * The provider for this deployment: OpenAI (or any OpenAI-compatible server via OPENAI_BASE_URL:
 * Ollama, vLLM, a gateway) when OPENAI_API_KEY is set, the offline assistant otherwise. Cheap to
 * call; it holds no connection, so call it per draft.
 */
export function aiProvider(source?: Record<string, string | undefined>): AiProvider {
  const config = aiConfig(source);
  if (!config.apiKey) return localProvider();
  return openAiProvider({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? undefined,
    model: config.model,
    allowedModels: config.allowedModels,
  });
}

/**
 * Which provider drafts, as a kind and its parameter (the default model), never a sentence: the
 * UI words it in the reader's language (components/approvals/findings.tsx `ProviderBadge`).
 */
export function providerInfo(source?: Record<string, string | undefined>): { name: ProviderName; model: string } {
  const provider = aiProvider(source);
  return { name: provider.name, model: provider.model };
}

export { toExtraction, type Extraction } from "./batch";
export { splitFindings, type Finding } from "./findings";
export { REPLY_LIMITS } from "./limits";
export { policyViolations } from "./policy";
export * from "./types";
