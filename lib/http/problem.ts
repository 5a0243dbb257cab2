import { translatorFor } from "@/lib/i18n/translator";
import { renderDetail, type HttpError } from "./errors";
import { localizeIssues, type KeyedTranslate } from "./validation";

/** The translators a problem is rendered with: its `detail` and its field errors. */
export type ProblemTexts = { problems: KeyedTranslate; validation: KeyedTranslate };

/** `namespace` in `locale`, each message the language lacks in English rather than as a bare key. */
function withEnglishFallback(locale: string | null | undefined, namespace: string): KeyedTranslate {
  const own = translatorFor(locale, namespace) as KeyedTranslate;
  const english = translatorFor("en", namespace) as KeyedTranslate;
  const t = ((key, values) => (own.has(key) ? own(key, values) : english(key, values))) as KeyedTranslate;
  t.has = (key) => own.has(key) || english.has(key);
  return t;
}

/** Problem texts in `locale` (a language Kiln does not ship falls back to English). */
export const problemTexts = (locale: string | null | undefined): ProblemTexts => ({
  problems: withEnglishFallback(locale, "problems"),
  validation: withEnglishFallback(locale, "validation"),
});

/**
 * Field errors as the reader reads them: zod issues rendered with their parameters, messages
 * that are `validation` (or `problems`) keys rendered, other text as written. `codes` names
 * each message by its key (stable across languages); text that is no key has the code "invalid".
 */
function renderFieldErrors(error: HttpError, texts: ProblemTexts) {
  if (error.extra.issues) return localizeIssues(error.extra.issues, texts.validation);
  if (!error.extra.errors) return null;
  const translatorOf = (m: string) =>
    texts.validation.has(m) ? texts.validation : texts.problems.has(m) ? texts.problems : null;
  const errors: Record<string, string[]> = {};
  const codes: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(error.extra.errors)) {
    errors[field] = messages.map((m) => translatorOf(m)?.(m) ?? m);
    codes[field] = messages.map((m) => (translatorOf(m) ? m : "invalid"));
  }
  return { errors, codes };
}

/**
 * The response for an HttpError. `type` and `title` are the stable contract for API clients
 * (English, by status); `detail` and the field errors are in the caller's language (`texts`,
 * English by default: webhooks answer machines).
 */
export function problemResponse(
  error: HttpError,
  requestId?: string,
  texts: ProblemTexts = problemTexts("en"),
): Response {
  const fields = renderFieldErrors(error, texts);
  const body = {
    type: `about:blank`,
    title: error.title,
    status: error.status,
    detail:
      error.detailKey === undefined ? undefined : renderDetail(error.detailKey, error.detailValues, texts.problems),
    ...(error.extra.code ? { code: error.extra.code } : {}),
    ...(fields ? { errors: fields.errors, errorCodes: fields.codes } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...error.extra.headers },
  });
}
