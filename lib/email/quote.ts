/**
 * Where an email's quoted history begins, for the HTML sanitizer (./sanitize.ts) and for showing
 * a plain-text email in the browser. No imports: the browser bundle gets this without DOMPurify.
 */

/**
 * Lines that introduce quoted history. A separator or a header block (Outlook's "-----Original
 * Message-----", "From: … Sent: …" in each language) starts a quote wherever it stands; a sentence
 * like "On … wrote:", German "Am … schrieb …:" or Hebrew "ב-… כתב:" / Gmail's "בתאריך … מאת …:"
 * only when it is a line of its own that ends at the colon, so a reply that says "On Monday the
 * client wrote: …" is not folded away.
 */
const SEPARATOR = new RegExp(
  "^(?:" +
    [
      String.raw`-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|הודעה מקורית|Forwarded message|Weitergeleitete Nachricht|הודעה שהועברה)\s*-{2,}`,
      String.raw`(?:From|Von|מאת)\s?:.{1,300}?(?:Sent|Date|Gesendet|Datum|נשלח|תאריך)\s?:`,
    ].join("|") +
    ")",
  "iu",
);
const ATTRIBUTION_LINE = new RegExp(
  "^(?:" +
    [
      String.raw`On\s.{1,300}\swrote\s?:`,
      String.raw`Am\s.{1,300}\sschrieb\s?.{0,200}:`,
      String.raw`ב[-־]?\s?.{1,300}\s(?:כתב|כתבה|כתב\/ה|כתב\(ה\))\s?.{0,100}:`,
      String.raw`בתאריך\s.{1,300}\sמאת\s.{1,300}:`,
    ].join("|") +
    ")$",
  "iu",
);

/** Whitespace folded and bidi controls dropped (Gmail wraps Hebrew attributions in them). */
export const collapse = (text: string) =>
  text
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** Whether a line of text opens quoted history. */
export const opensQuote = (line: string, firstLine: string) => SEPARATOR.test(line) || ATTRIBUTION_LINE.test(firstLine);

/**
 * A plain-text body split at its quoted history: the attribution line ("On … wrote:",
 * "Am … schrieb …:", "ב-… כתב:", "-----Original Message-----") or the trailing run of "> " lines.
 */
export function splitPlainTextQuote(text: string): { body: string; quote: string | null } {
  const lines = text.split(/\r?\n/);
  let at = lines.findIndex((line, i) => i > 0 && opensQuote(collapse(line), collapse(line)));
  if (at < 0) {
    // The first line of a block of "> " lines that runs to the end (blank lines allowed inside).
    let i = lines.length;
    while (i > 0 && (/^\s*>/.test(lines[i - 1]!) || !lines[i - 1]!.trim())) i--;
    while (i < lines.length && !lines[i]!.trim()) i++;
    if (i < lines.length) at = i;
  }
  if (at <= 0 || !lines.slice(0, at).some((l) => l.trim())) return { body: text, quote: null };
  return { body: lines.slice(0, at).join("\n").trimEnd(), quote: lines.slice(at).join("\n") };
}
