import "server-only";
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { logger } from "@/lib/log";
import { DEFAULT_OPENAI_MODEL, OPENAI_MAX_RETRIES, OPENAI_TIMEOUT_MS } from "@/lib/ai/config";
import { failureDetail, type DraftFailureDetail } from "@/lib/ai/failures";
import { guardInjection } from "@/lib/ai/guard";
import { policyViolations } from "@/lib/ai/policy";
import { buildMessages, correctionMessage, draftJsonSchema, type ChatMessage } from "@/lib/ai/prompt";
import {
  draftResultSchema,
  type AiProvider,
  type DraftOutcome,
  type DraftRequest,
  type DraftResult,
  type TokenUsage,
} from "@/lib/ai/types";

export type OpenAiProviderOptions = {
  apiKey: string;
  /** Any OpenAI-compatible server: Ollama (http://localhost:11434/v1), vLLM, a gateway. */
  baseURL?: string;
  model?: string;
  timeoutMs?: number;
  /** SDK retries for 429, 408, 409, 5xx and connection errors, with backoff that honours Retry-After. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the draft fails as rate_limited and the job queue retries later. */
  maxRetryAfterMs?: number;
  /** Bounded so a slow model cannot run up cost; large enough for a full email reply with findings. */
  maxTokens?: number;
  /**
   * Models an agent may use (OPENAI_ALLOWED_MODELS). An agent saved with another model before the
   * list existed or changed runs on the default model: the operator's key never pays for an unlisted one.
   */
  allowedModels?: readonly string[];
};

type Attempt = { ok: true; result: DraftResult } | { ok: false; problems: string[]; raw: string };

const log = logger.child({ module: "ai.openai" });

/**
 * Wraps fetch so a 429 asking us to wait longer than we are willing to is not retried by the SDK
 * (it obeys any Retry-After, even hours): the request fails fast and the job is retried later.
 */
function cappedRetryFetch(maxRetryAfterMs: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status !== 429) return response;
    const ms = Number(response.headers.get("retry-after-ms"));
    const seconds = Number(response.headers.get("retry-after"));
    const wait = Number.isFinite(ms) && ms > 0 ? ms : Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
    if (wait <= maxRetryAfterMs) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Reads the model's text as a DraftResult, and checks it against the rules no lead may override. */
function readAttempt(content: string | null | undefined, request: DraftRequest): Attempt {
  const raw = (content ?? "").trim();
  let json: unknown;
  try {
    // Some compatible servers wrap JSON in a code fence even when asked not to.
    json = JSON.parse(raw.replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, ""));
  } catch {
    return { ok: false, problems: ["the answer was not valid JSON"], raw };
  }
  const parsed = draftResultSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    return { ok: false, problems, raw };
  }
  const violations = policyViolations(parsed.data, request);
  if (violations.length) return { ok: false, problems: violations, raw };
  return { ok: true, result: parsed.data };
}

function addUsage(total: TokenUsage | null, completion: ChatCompletion): TokenUsage | null {
  const u = completion.usage;
  if (!u) return total;
  const base = total ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  return {
    promptTokens: base.promptTokens + (u.prompt_tokens ?? 0),
    completionTokens: base.completionTokens + (u.completion_tokens ?? 0),
    totalTokens: base.totalTokens + (u.total_tokens ?? 0),
  };
}

/** A failure as a kind (lib/ai/failures.ts): no response body, no key, no sentence; SDK messages can echo both. */
function describeFailure(
  error: unknown,
  timeoutMs: number,
): { reason: "timeout" | "rate_limited" | "error"; detail: DraftFailureDetail } {
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { reason: "timeout", detail: failureDetail("timeout", { seconds: Math.round(timeoutMs / 1000) }) };
  if (error instanceof OpenAI.APIUserAbortError) return { reason: "error", detail: failureDetail("cancelled") };
  if (error instanceof OpenAI.RateLimitError) return { reason: "rate_limited", detail: failureDetail("rate_limited") };
  if (error instanceof OpenAI.AuthenticationError) return { reason: "error", detail: failureDetail("auth_rejected") };
  if (error instanceof OpenAI.PermissionDeniedError) return { reason: "error", detail: failureDetail("access_denied") };
  if (error instanceof OpenAI.NotFoundError) return { reason: "error", detail: failureDetail("model_not_found") };
  if (error instanceof OpenAI.APIConnectionError) return { reason: "error", detail: failureDetail("unreachable") };
  if (error instanceof OpenAI.APIError && typeof error.status === "number")
    return { reason: "error", detail: failureDetail("http_error", { status: error.status }) };
  return { reason: "error", detail: failureDetail("provider_failed") };
}

/**
 * The OpenAI provider, over the official SDK. Asks for strict JSON-schema output (falling back to
 * JSON mode on servers that reject json_schema), validates it with zod and the reply policy, and
 * gives invalid output one corrective retry. Never throws for provider failures: every failure is
 * an outcome with a reason the approvals queue can show.
 */
export function openAiProvider(options: OpenAiProviderOptions): AiProvider {
  const defaultModel = options.model ?? DEFAULT_OPENAI_MODEL;
  const timeoutMs = options.timeoutMs ?? OPENAI_TIMEOUT_MS;
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: timeoutMs,
    maxRetries: options.maxRetries ?? OPENAI_MAX_RETRIES,
    fetch: cappedRetryFetch(options.maxRetryAfterMs ?? 20_000),
  });
  // Per provider instance: once a server has said it cannot do json_schema, ask it for JSON mode directly.
  let jsonSchemaSupported = true;

  async function complete(
    messages: ChatMessage[],
    model: string,
    request: DraftRequest,
    signal?: AbortSignal,
  ): Promise<ChatCompletion> {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages,
      temperature: 0.3,
      max_tokens: options.maxTokens ?? 1200,
      response_format: jsonSchemaSupported
        ? { type: "json_schema", json_schema: draftJsonSchema(request.channel) }
        : { type: "json_object" },
    };
    try {
      return await client.chat.completions.create(body, { signal });
    } catch (error) {
      if (jsonSchemaSupported && error instanceof OpenAI.BadRequestError) {
        jsonSchemaSupported = false;
        log.info({ model, status: 400 }, "AI server rejected json_schema; retrying in JSON mode");
        return await client.chat.completions.create({ ...body, response_format: { type: "json_object" } }, { signal });
      }
      throw error;
    }
  }

  return {
    name: "openai",
    model: defaultModel,
    async draft(request: DraftRequest, callOptions?: { signal?: AbortSignal }): Promise<DraftOutcome> {
      const wanted = request.agent.model ?? defaultModel;
      const model = !options.allowedModels || options.allowedModels.includes(wanted) ? wanted : defaultModel;
      if (model !== wanted)
        log.warn({ wanted, model }, "agent model is not in OPENAI_ALLOWED_MODELS; using the default model");
      const messages = buildMessages(request);
      let usage: TokenUsage | null = null;
      let attempts = 0;
      const started = Date.now();
      try {
        for (;;) {
          attempts++;
          const completion = await complete(messages, model, request, callOptions?.signal);
          usage = addUsage(usage, completion);
          const choice = completion.choices[0];
          const attempt = readAttempt(choice?.message?.content, request);
          if (attempt.ok) {
            log.info(
              { model, attempts, ms: Date.now() - started, totalTokens: usage?.totalTokens ?? null },
              "AI draft ready",
            );
            return {
              ok: true,
              result: guardInjection(attempt.result, request),
              provider: "openai",
              model,
              usage,
              attempts,
            };
          }
          if (attempts >= 2) {
            // What was wrong (schema paths, policy rules) is for operators: the log, not the reader.
            log.warn(
              { model, attempts, problems: attempt.problems.slice(0, 3) },
              "AI output invalid after a corrective retry",
            );
            return {
              ok: false,
              reason: "invalid_output",
              detail: failureDetail("invalid_twice", { problems: attempt.problems.length }),
              provider: "openai",
              model,
              attempts,
            };
          }
          // One corrective retry: show the model its own answer and what was wrong with it.
          messages.push(
            { role: "assistant", content: attempt.raw.slice(0, 4000) || "(empty)" },
            correctionMessage(attempt.problems),
          );
        }
      } catch (error) {
        const { reason, detail } = describeFailure(error, timeoutMs);
        log.warn(
          {
            model,
            attempts,
            reason,
            kind: detail.kind,
            status: error instanceof OpenAI.APIError ? (error.status ?? null) : null,
            err: error instanceof Error ? error.name : null,
          },
          "AI draft failed",
        );
        return { ok: false, reason, detail, provider: "openai", model, attempts };
      }
    },
  };
}
