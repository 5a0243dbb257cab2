/**
 * Text helpers shared by the rule-based extractors. Everything here is pure and deterministic:
 * the same message always gives the same clauses, language and numbers.
 */
import { prep } from "./rx";

export type Lang = "en" | "de" | "he";

/** Lower-cases and folds the typographic variants people type on phones into plain ASCII forms. */
export function normalize(text: string): string {
  return prep(text).toLowerCase();
}

/**
 * Splits a message into clauses: sentences, then parts joined by ";" or ", but". A date in
 * "can we talk tomorrow" must not be read as the project timeline of the clause next to it.
 */
export function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|;\s*|\s+-\s+|,\s+(?=(?:but|aber|und|and|können|could|can|can we|können wir)\b)/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Sentences (for quotes): split after ., ! or ? followed by a space. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const GERMAN_WORDS = new Set(
  "ich wir sie und nicht kein keine keinen das die der den dem ist sind haben hat mit für bis nächste nächsten nächstes bitte danke vielen gerne unser unsere unseren mein meine meinem muss müssen möchten brauchen suchen noch schon auch aber oder wie was wann gibt es können sollte zu uns ein eine einen im vom zum zur sehr mal jetzt sofort leider hallo guten".split(
    " ",
  ),
);
const ENGLISH_WORDS = new Set(
  "i we you and not no the is are have has with for by next please thanks thank our my need must would like looking can could should to us a an in on of it this that what when how do does just yes hi hello".split(
    " ",
  ),
);

const HEBREW_LETTER = /\p{Script=Hebrew}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/**
 * "he" when Hebrew letters make up a fair share of the letters (Hebrew messages carry Latin names,
 * emails and product words), else "de" or "en" from function words and umlauts; `fallback` when
 * the text gives no signal.
 */
export function detectLanguage(text: string, fallback: Lang = "en"): Lang {
  const hebrew = text.match(HEBREW_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (hebrew > 0 && hebrew >= latin * 0.5) return "he";
  const words = normalize(text).match(/[a-zäöüß']+/g) ?? [];
  let de = /[äöüß]/.test(text.toLowerCase()) ? 1 : 0;
  let en = 0;
  for (const w of words) {
    if (GERMAN_WORDS.has(w)) de++;
    if (ENGLISH_WORDS.has(w)) en++;
  }
  if (de === en) return fallback === "he" && hebrew === 0 && latin > 0 ? "en" : fallback;
  return de > en ? "de" : "en";
}

/** Maps any BCP-47 code to a language we have templates for ("iw" is Hebrew's old code). */
export const templateLanguage = (code: string | null | undefined): Lang => {
  const c = code?.toLowerCase() ?? "";
  if (c.startsWith("de")) return "de";
  if (c.startsWith("he") || c.startsWith("iw")) return "he";
  return "en";
};

/** Shortens a quote to the limit the contract allows, on a word boundary. */
export function clip(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, " ");
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The original-case slice of `original` for a clause found in its normalised form (quotes keep the lead's words). */
export function originalSentence(original: string, normalizedNeedle: string): string {
  for (const s of sentences(original)) {
    if (normalize(s).includes(normalizedNeedle.slice(0, 40))) return s;
  }
  return original;
}

/** Where a reply's quoted history starts: what follows is an earlier message, not the lead's new words. */
const QUOTE_HEADER =
  /^(?:on .{3,120} wrote:|am .{3,120} schrieb .{0,80}:|-{2,}\s*(?:original message|ursprüngliche nachricht|forwarded message|weitergeleitete nachricht|הודעה מקורית|הודעה שהועברה)\s*-{2,}|(?:from|von|מאת):\s.+|.{0,120}(?:בתאריך|ב-).{0,80}(?:כתב|כתבה|נכתב)\s*:)\s*$/i;

/** A legal footer: it says nothing about the lead's project, whatever words it contains. */
const DISCLAIMER =
  /^(?:this (?:e-?mail|message|communication)(?: and any (?:files|attachments).{0,40})? (?:is|are|may be|contains?)\b|confidentiality notice|disclaimer\b|diese (?:e-?mail|nachricht)\b.{0,60}\b(?:vertraulich|enthält)|der inhalt dieser (?:e-?mail|nachricht)|hinweis:? diese|הודעה זו\b.{0,60}(?:חסוי|סודי)|המידע (?:בהודעה|במסר) זה)/i;

/**
 * The lead's own new words: quoted earlier messages ("> …", "On … wrote:", "Am … schrieb …:",
 * "-----Original Message-----", Hebrew mail headers) and legal disclaimers are cut, so a budget
 * we quoted back or a footer's "confidential" is not read as what the lead just said.
 */
export function stripQuoted(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (QUOTE_HEADER.test(trimmed) && kept.some((k) => k.trim())) break;
    if (DISCLAIMER.test(trimmed)) break;
    if (/^>/.test(trimmed)) continue;
    kept.push(line);
  }
  const out = kept.join("\n").trim();
  return out || text.trim();
}
