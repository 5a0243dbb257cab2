import bidiFactory from "bidi-js";

/**
 * One line of text in the order its characters are drawn from left to right, for writers that
 * place glyphs as given and know nothing of direction (pdfkit): the Unicode Bidirectional
 * Algorithm (bidi-js) on the line, in a paragraph of `direction`. Hebrew runs come out reversed,
 * numbers, e-mail addresses and Latin names inside them keep their own order, brackets in a
 * right-to-left run are mirrored, and a Hebrew name inside an English line reads correctly too.
 *
 * Characters that belong together (a letter and its marks, an emoji's surrogate pair) move as one.
 * Directional marks and isolates have done their work once the line is ordered; they are dropped,
 * as fonts have no glyphs for them.
 */
const bidi = bidiFactory();
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko …) and their presentation forms.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/** What a reader sees as one character (a letter with its marks, an emoji): where text may be cut. */
export const graphemeClusters = (text: string): string[] => Array.from(graphemes.segment(text), (s) => s.segment);

export function visualOrder(line: string, direction: "ltr" | "rtl"): string {
  // A left-to-right line without a right-to-left letter is already in visual order.
  if (direction === "ltr" && !RIGHT_TO_LEFT.test(line)) return line.replace(DIRECTION_CONTROLS, "");
  const embedding = bidi.getEmbeddingLevels(line, direction);
  const order = bidi.getReorderedIndices(line, embedding);
  const mirrored = bidi.getMirroredCharactersMap(line, embedding.levels);

  const clusterOf = new Array<number>(line.length);
  const clusters: { text: string; start: number }[] = [];
  for (const { segment, index } of graphemes.segment(line)) {
    for (let i = 0; i < segment.length; i += 1) clusterOf[index + i] = clusters.length;
    clusters.push({ text: segment, start: index });
  }
  const written = new Set<number>();
  let out = "";
  for (const index of order) {
    const cluster = clusterOf[index]!;
    if (written.has(cluster)) continue;
    written.add(cluster);
    const { text, start } = clusters[cluster]!;
    out += text.length === 1 ? (mirrored.get(start) ?? text) : text;
  }
  return out.replace(DIRECTION_CONTROLS, "");
}
