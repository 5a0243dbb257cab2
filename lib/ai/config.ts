import "server-only";
import { parseEnv } from "@/lib/env";

export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
/**
 * Small, inexpensive models an agent may pick when OPENAI_ALLOWED_MODELS is unset: a tenant picks
 * an agent's model, but the operator pays for it, so the choice is a list the operator controls.
 */
export const DEFAULT_ALLOWED_MODELS = ["gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1-nano"] as const;
/** Per-request timeout and SDK retries (429 and 5xx, with backoff honouring Retry-After). */
export const OPENAI_TIMEOUT_MS = 30_000;
export const OPENAI_MAX_RETRIES = 3;

export type AiConfig = {
  apiKey: string | null;
  baseURL: string | null;
  model: string;
  /** What an agent's `model` may be; the default model first. */
  allowedModels: string[];
};

/**
 * The AI settings, validated by the same schema as every other variable (lib/env.ts) but without
 * the rest of the app's requirements: `npm run ai:extract` must work with no database and no
 * AUTH_SECRET, so only the OPENAI_* keys are read here.
 */
export function aiConfig(source: Record<string, string | undefined> = process.env): AiConfig {
  const env = parseEnv({
    OPENAI_API_KEY: source.OPENAI_API_KEY,
    OPENAI_BASE_URL: source.OPENAI_BASE_URL,
    OPENAI_MODEL: source.OPENAI_MODEL,
    OPENAI_ALLOWED_MODELS: source.OPENAI_ALLOWED_MODELS,
  });
  const model = env.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL;
  const listed =
    env.OPENAI_ALLOWED_MODELS?.split(",")
      .map((m) => m.trim())
      .filter(Boolean) ?? DEFAULT_ALLOWED_MODELS;
  return {
    apiKey: env.OPENAI_API_KEY ?? null,
    baseURL: env.OPENAI_BASE_URL ?? null,
    model,
    allowedModels: [...new Set([model, ...listed])],
  };
}

/** Whether an agent may use this model (null: the server's default model, always allowed). */
export function isAllowedModel(model: string | null | undefined, source?: Record<string, string | undefined>): boolean {
  return model == null || aiConfig(source).allowedModels.includes(model);
}
