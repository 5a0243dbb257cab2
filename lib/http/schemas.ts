/**
 * Shared zod pieces for input that enters through any route: free text and dates.
 *
 * Postgres cannot store a NUL character (text and jsonb refuse it) nor a lone UTF-16
 * surrogate (it is not a character, so it has no UTF-8 form), and its timestamps end at
 * 4713 BC and 294276 AD. Input that would only fail in the database is refused here, as a
 * field error the form can show, instead of reaching SQL and becoming a 500.
 */
import { z } from "zod";

/** NUL, or a surrogate half without its partner. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Messages here are keys of the `validation` catalogue namespace (see ./validation.ts). */
export const UNSTORABLE_TEXT_MESSAGE = "unstorableText";

export const isStorableText = (value: string) => !UNSTORABLE.test(value);

/**
 * Free text as a person types it: trimmed, refused when it holds characters the database
 * cannot store. Chain `.min()` / `.max()` as usual.
 */
export const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).trim();

/**
 * The first string (key or value) in a parsed JSON value that the database could not
 * store, as a field path; null when there is none. Route input passes this check before
 * any schema, so a schema that uses a plain z.string() cannot let NUL through either.
 */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path.join(".") || "_";
  if (!value || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, "_key"].join(".");
    const found = findUnstorableText(child, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

/** Dates a CRM can mean: from 1900 to the end of 9999 (four-digit years, well inside Postgres's range). */
export const MIN_DATE = new Date("1900-01-01T00:00:00Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");

const DATE_MESSAGE = "dateTimeInvalid";
const RANGE_MESSAGE = "dateYearRange";

/** Month 1–12 and a day that month has: JavaScript would quietly turn February 30 into March 2. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date and time: an ISO 8601 string (or a Date) between 1900 and 9999. Unlike
 * z.coerce.date(), `null`, `true` and bare numbers are refused instead of meaning 1970.
 */
export const dateTime = (message = DATE_MESSAGE) =>
  z
    .union(
      [
        z.date(),
        z
          .string()
          .max(40)
          .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?$/i, message)
          .refine(isCalendarDate, message)
          .transform((v) => new Date(v)),
      ],
      {
        error: message,
      },
    )
    .refine((d) => !Number.isNaN(d.getTime()), message)
    .refine((d) => d >= MIN_DATE && d <= MAX_DATE, RANGE_MESSAGE);

/** A date and time that must lie in the future (an expiry, a follow-up). */
export const futureDateTime = (message = "dateInFuture") => dateTime().refine((d) => d.getTime() > Date.now(), message);
