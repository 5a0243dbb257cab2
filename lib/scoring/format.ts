/** Small, locale-free helpers for explanations: points, quotes, UTC stamps, times. */

export const MINUS = "\u2212";
/** Quotes longer than this are cut (at a word where possible) and end with "…". */
export const QUOTE_MAX_CHARS = 80;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const DAY_MS = DAY * 1000;
export const HOUR_MS = HOUR * 1000;

/** "+25", "−12" (a real minus sign), "±0". */
export function formatPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `${MINUS}${-points}`;
  return "±0";
}

/** Collapses whitespace and cuts to `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number = QUOTE_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  const atWord = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${atWord.replace(/[\s,;:.!?-]+$/, "")}…`;
}

/** `"we have about CHF 20k set aside"`, truncated with … when long. */
export const quote = (text: string, max: number = QUOTE_MAX_CHARS) => `"${truncate(text, max)}"`;

/** "2026-01-14 10:00 UTC" */
export const formatTimestamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** "2026-01-14" */
export const formatDate = (iso: string) => iso.slice(0, 10);

export const toMs = (iso: string) => Date.parse(iso);

/** The later of two optional timestamps. */
export function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return toMs(b) > toMs(a) ? b : a;
}
