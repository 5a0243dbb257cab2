/** Small, locale-free text helpers for explanations. */

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

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2026-01-14 10:00 UTC" */
export const formatTimestamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** "2026-01-14" */
export const formatDate = (iso: string) => iso.slice(0, 10);

/** "under a minute", "25 minutes", "5 hours", "3 days" (rounded down). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < MINUTE) return "under a minute";
  if (s < HOUR) return plural(Math.floor(s / MINUTE), "minute");
  if (s < DAY) return plural(Math.floor(s / HOUR), "hour");
  return plural(Math.floor(s / DAY), "day");
}

/** "less than an hour ago", "5 hours ago", "2 days ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < HOUR) return "less than an hour ago";
  return `${formatDuration(s)} ago`;
}

/** "budget" → "Budget" */
export const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** ["budget", "timeline"] → "Budget and timeline" */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return capitalize(words[0] ?? "");
  return capitalize(`${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`);
}

export const toMs = (iso: string) => Date.parse(iso);

/** The later of two optional timestamps. */
export function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return toMs(b) > toMs(a) ? b : a;
}
