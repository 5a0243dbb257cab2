/**
 * What renderers of stored kinds and parameters need from next-intl's `t` (useTranslations in
 * components, createTranslator in jobs and API handlers): a translator scoped to one namespace.
 * Pure, so the same renderer runs in the browser and on the server.
 */
import type { Formats } from "next-intl";

export type TranslationValue = string | number | Date;
export type Translate = (key: string, values?: Record<string, TranslationValue>, formats?: Formats) => string;

/**
 * "Thu, 03.12.2026, 14:05 CET": a moment in the reader's language, zone and formats (numeric, so
 * their date format and 12/24 hours show; see lib/i18n/formats.ts). Read in emails too, so the
 * weekday helps and the zone is named.
 */
export const WHEN_FORMATS: Formats = {
  dateTime: {
    when: {
      weekday: "short",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    },
  },
};

/** An ISO timestamp parameter as a Date for ICU `{x, date, when}`, or null when absent or malformed. */
export function dateParam(value: unknown): Date | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A string (or number) parameter, "" otherwise: stored parameters are data, never trusted shapes. */
export function textParam(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}
