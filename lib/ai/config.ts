import { parseEnv } from "@/lib/env";

export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
/** Per-request timeout and SDK retries (429 and 5xx, with backoff honouring Retry-After). */
export const OPENAI_TIMEOUT_MS = 30_000;
export const OPENAI_MAX_RETRIES = 3;

export type AiConfig = { apiKey: string | null; baseURL: string | null; model: string };

/**
 * The AI settings, validated by the same schema as every other variable (lib/env.ts) but without
 * the rest of the app's requirements: `npm run ai:extract` must work with no database and no
 * AUTH_SECRET, so only the OPENAI_* keys are read here.
 */
export function aiConfig(source: Record<string, string | undefined> = process.env): AiConfig {
  const env = parseEnv({ OPENAI_API_KEY: source.OPENAI_API_KEY, OPENAI_BASE_URL: source.OPENAI_BASE_URL, OPENAI_MODEL: source.OPENAI_MODEL });
  return { apiKey: env.OPENAI_API_KEY ?? null, baseURL: env.OPENAI_BASE_URL ?? null, model: env.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL };
}
