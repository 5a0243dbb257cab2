import { detectLanguage } from "@/lib/ai/extract/text";
import { parseDue } from "./dates";

/**
 * A lead asking to be called back at a time: "call me back on Tuesday", "rufen Sie mich Dienstag
 * an", "תתקשרו אליי ביום שלישי". Both a request to call and a date must be there; the date is
 * read with the task dates' parser on the wall clock of whoever will call (their time zone).
 * Pure: the inbound pipeline (./suggestions.ts) stores what this finds as a suggestion.
 */
const CUES: Record<"en" | "de" | "he", RegExp> = {
  en: /\b(?:call|ring|phone)\s+(?:me|us)\b|\bcall\s*back\b|\bgive\s+(?:me|us)\s+a\s+(?:call|ring)\b|\bcallback\b/i,
  de: /\b(?:ruf|rufen)\b[^.!?\n]{0,40}\b(?:mich|uns)\b[^.!?\n]{0,40}\ban\b|\bzurückrufen\b|\brückruf\b|\banrufen\b/i,
  he: /(?:תתקשר|תתקשרו|התקשרו|תחזור|תחזרו|חזרו|שיחזרו|שתחזרו|לחזור|להתקשר|צלצלו|תצלצלו)\s*(?:אליי|אלי|אלינו|לי|לנו)?/u,
};

// Greetings chrono would read as a date ("Guten Morgen" is "tomorrow" to its German parser).
const GREETINGS = /\b(?:guten\s+morgen|good\s+morning|morgen\s*!)/gi;

export type CallbackRequest = { dueAt: Date; quote: string; language: "en" | "de" | "he" };

/** The sentence holding `index`, cut to what a reader sees. */
function sentenceAt(text: string, index: number): string {
  const start = Math.max(0, ...[".", "!", "?", "\n"].map((mark) => text.lastIndexOf(mark, index - 1) + 1));
  const ends = [".", "!", "?", "\n"].map((mark) => text.indexOf(mark, index)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : text.length;
  const sentence = text.slice(start, end).trim();
  return sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence;
}

export function detectCallbackRequest(body: string, options: { now: Date; timeZone: string }): CallbackRequest | null {
  const text = body.normalize("NFC").trim();
  if (!text) return null;
  const language = detectLanguage(text);
  const cue = CUES[language].exec(text) ?? (language !== "en" ? CUES.en.exec(text) : null);
  if (!cue) return null;
  const sentence = sentenceAt(text, cue.index);
  const parsed =
    parseDue(sentence.replace(GREETINGS, " "), { ...options, language }) ??
    parseDue(text.replace(GREETINGS, " "), { ...options, language });
  if (!parsed || parsed.dueAt.getTime() <= options.now.getTime()) return null;
  return { dueAt: parsed.dueAt, quote: sentence, language };
}
