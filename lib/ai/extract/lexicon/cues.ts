import { heWord, re } from "../rx";

/**
 * A cue list per language. English and German entries are regex sources matched between word
 * boundaries; Hebrew entries are words or phrases matched after Hebrew's one-letter prefixes
 * ("והתקציב", "בתקציב"), so a list reads like a glossary rather than a pattern.
 */
export type CueList = { en?: readonly string[]; de?: readonly string[]; he?: readonly string[] };

/** Compiles a cue list into one case-insensitive, Unicode-aware pattern. */
export function cues(list: CueList, flags = ""): RegExp {
  const latin = [...(list.en ?? []), ...(list.de ?? [])];
  const parts: string[] = [];
  if (latin.length) parts.push(String.raw`\b(?:${latin.join("|")})\b`);
  if (list.he?.length)
    parts.push(
      heWord(
        list.he.map((p) => p.replace(/ /g, String.raw`\s+`)),
        false,
      ),
    );
  return re(parts.join("|"), flags);
}

/** The position of the first cue in `text`, or -1. */
export function cueAt(rx: RegExp, text: string): number {
  const m = rx.exec(text);
  return m ? m.index : -1;
}
