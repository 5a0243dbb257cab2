/**
 * Validation messages in the reader's language, the same on the server (problem+json field
 * errors) and in the browser (forms validating before they send).
 *
 * A zod issue's `message` is a key of the `validation` catalogue namespace: schemas give their
 * own as a key (`z.string().min(1, "nameRequired")`), and every issue without one gets its key
 * from `validationKey` (pass `VALIDATION_PARSE` to `safeParse`). `localizeIssue` renders the key
 * with the issue's own parameters (`minimum`, `maximum`, `format`, …) as ICU values. A message
 * that is not a key (text from code that predates this) is shown as written.
 *
 * Pure: no server-only imports, so client components use it with `useTranslations("validation")`.
 */
import type { z } from "zod";
import type { Translate, TranslationValue } from "@/lib/i18n/translate";

/** next-intl's translator (createTranslator or useTranslations) over the `validation` namespace. */
export type KeyedTranslate = Translate & { has: (key: string) => boolean };

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** The catalogue key of an issue that carries no message of its own; also its stable `code`. */
export function validationKey(issue: RawIssue | Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "required" : "invalidType";
    case "too_small":
      // z.string().min(1) is how a required text field is written.
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return "required";
      return issue.inclusive === false ? "tooSmallExclusive" : "tooSmall";
    case "too_big":
      return issue.inclusive === false ? "tooBigExclusive" : "tooBig";
    case "invalid_format":
      return "invalidFormat";
    case "invalid_value":
      return "invalidValue";
    case "not_multiple_of":
      return "notMultipleOf";
    case "unrecognized_keys":
      return "unrecognizedKeys";
    default:
      return "invalid";
  }
}

/** Parse options that give every issue without a message of its own its catalogue key. */
export const VALIDATION_PARSE = { error: (issue: RawIssue) => validationKey(issue) } as const;

const ORIGINS = new Set(["string", "number", "int", "bigint", "date", "array", "set", "file"]);

/** An issue's parameters as ICU values: numbers stay numbers (plurals), lists become "a, b, c". */
function issueValues(issue: Issue): Record<string, TranslationValue> {
  const values: Record<string, TranslationValue> = {};
  const i = issue as unknown as Record<string, unknown>;
  if ("origin" in i) values.origin = ORIGINS.has(String(i.origin)) ? String(i.origin) : "other";
  if ("minimum" in i) values.minimum = Number(i.minimum);
  if ("maximum" in i) values.maximum = Number(i.maximum);
  if ("divisor" in i) values.divisor = Number(i.divisor);
  if ("format" in i) values.format = String(i.format).replace(/[^a-z0-9]/gi, "_");
  if ("expected" in i) values.expected = String(i.expected);
  if (Array.isArray(i.values)) values.values = i.values.map(String).join(", ");
  if (Array.isArray(i.keys)) values.keys = i.keys.map(String).join(", ");
  // A custom issue's own parameters (`ctx.addIssue({ …, params: { field } })`).
  if (i.params && typeof i.params === "object")
    for (const [key, value] of Object.entries(i.params))
      if (typeof value === "string" || typeof value === "number") values[key] = value;
  return values;
}

/** One issue as the reader reads it. */
export function localizeIssue(issue: Issue, t: KeyedTranslate): string {
  return t.has(issue.message) ? t(issue.message, issueValues(issue)) : issue.message;
}

/** The field path of an issue as forms and problem+json name it ("members.0.role"; "_" for the whole). */
export const issueField = (issue: Issue) => issue.path.join(".") || "_";

/**
 * Issues per field, rendered: `errors` (messages, the shape forms and API clients read) and
 * `codes` (each message's key, stable across languages, for clients that branch on it).
 */
export function localizeIssues(issues: readonly Issue[], t: KeyedTranslate) {
  const errors: Record<string, string[]> = {};
  const codes: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issueField(issue);
    (errors[field] ??= []).push(localizeIssue(issue, t));
    (codes[field] ??= []).push(t.has(issue.message) ? issue.message : validationKey(issue));
  }
  return { errors, codes };
}
