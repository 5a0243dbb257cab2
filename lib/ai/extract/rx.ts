/**
 * Regular expressions with word boundaries that understand umlauts. JavaScript's `\b` only knows
 * ASCII letters, so `\bübernehme` never matches; `re()` rewrites `\b` into a Unicode-aware
 * boundary and always compiles case-insensitively with the `u` flag.
 */
const WORD = String.raw`[\p{L}\p{N}_]`;
const BOUNDARY = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;

export function re(source: string, flags = ""): RegExp {
  return new RegExp(source.replaceAll(String.raw`\b`, BOUNDARY), `${flags}iu`);
}

/**
 * Hebrew writes the conjunction, article and prepositions as one-letter prefixes of the next word
 * ("והתקציב" = "and the budget", "בשבוע" = "in the week"), so a Hebrew word is matched after up to
 * three of them. `stems` are alternatives (regex source); `suffix` lets the word run on (plurals,
 * possessives: "תקציבנו", "תקציבים"). Use inside `re()`.
 */
export const HE_PREFIXES = "[ובהלמשכ]{0,3}";
export function heWord(stems: string | readonly string[], suffix = true): string {
  const alt = (typeof stems === "string" ? [stems] : stems).map(finalForms).join("|");
  return `(?<![\\p{L}\\p{N}_])${HE_PREFIXES}(?:${alt})${suffix ? "\\p{L}*" : "(?![\\p{L}\\p{N}_])"}`;
}

/**
 * Hebrew writes five letters differently at the end of a word (נ/ן, מ/ם, כ/ך, פ/ף, צ/ץ), so a stem's
 * last letter matches both forms: "מעוניין" also finds "מעוניינים", "אלפ" also finds "אלף".
 */
const FINAL_PAIRS: Record<string, string> = {
  ן: "נ",
  ם: "מ",
  ך: "כ",
  ף: "פ",
  ץ: "צ",
  נ: "ן",
  מ: "ם",
  כ: "ך",
  פ: "ף",
  צ: "ץ",
};
function finalForms(stem: string): string {
  const last = stem.at(-1) ?? "";
  const pair = FINAL_PAIRS[last];
  if (!pair || stem.length < 3 || !/\p{Script=Hebrew}{2}$/u.test(stem)) return stem;
  return `${stem.slice(0, -1)}[${last}${pair}]`;
}

/** One alternation group from a list of phrases (spaces match any run of whitespace). */
export const anyOf = (phrases: readonly string[]) =>
  `(?:${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, String.raw`\s+`)).join("|")})`;

/** Light clean-up that keeps case and length-meaningful text: typographic quotes, dashes, spaces. */
export function prep(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201B\u02BC\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/[\u00A0\u202F\u2009]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export type Clause = { text: string; start: number };

/**
 * Clauses of a prepared message with their offsets: sentences (an emoji ends one too: "abgelehnt 😕
 * Gibt es …?"), then parts joined by ";" or a
 * comma before a new request ("…, can we talk tomorrow?"), so a date in one part is not read as
 * the timeline of another.
 */
export function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  const splitter = re(
    String.raw`(?<=[.!?;])(?<!\b(?:fr|sfr|ca|mio|mrd|tsd|bzw|dr|nr|st|vs|etc|inkl|exkl|approx|evtl|ggf|zb|usw)\.)(?<!\b\d{1,2}\.)\s+(?!\d)|(?<=\p{Extended_Pictographic}\uFE0F?)\s+|;\s*|\s+-\s+|,\s+(?=(?:but|aber|can we|could we|can you|could you|können wir|können sie|please|bitte)\b)`,
    "g",
  );
  let last = 0;
  for (const m of text.matchAll(splitter)) {
    const part = text.slice(last, m.index);
    if (part.trim()) out.push({ text: part.trim(), start: last + (part.length - part.trimStart().length) });
    last = m.index + m[0].length;
  }
  const tail = text.slice(last);
  if (tail.trim()) out.push({ text: tail.trim(), start: last + (tail.length - tail.trimStart().length) });
  return out;
}

/** The sentence around `index`, for quoting the lead's own words. */
export function sentenceAt(text: string, index: number): string {
  let start = index;
  while (start > 0 && !/[.!?]\s/.test(text.slice(start - 2, start))) start--;
  let end = index;
  while (end < text.length && !/[.!?]/.test(text[end]!)) end++;
  return text.slice(start, Math.min(text.length, end + 1)).trim();
}
