import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as fontkit from "fontkit";

/**
 * The reports' typeface: DejaVu Sans and DejaVu Sans Bold, TrueType files of the npm package
 * `dejavu-fonts-ttf` (Bitstream Vera licence, DejaVu's changes in the public domain: free to
 * embed and redistribute). One file covers Latin, Greek, Cyrillic and Hebrew, so a report in any
 * of Kiln's languages, and any name in it, prints; pdfkit's built-in fonts are WinAnsi only.
 * pdfkit embeds only the glyphs a document uses. Nothing is fetched: the files are resolved in
 * node_modules at run time (next.config.ts traces them into the server build).
 *
 * Resolved by Node from the application's root, not `createRequire(import.meta.url)`: Turbopack
 * follows that form at build time and tries to bundle a .ttf as a module, which it cannot.
 */
const require = createRequire(pathToFileURL(join(process.cwd(), "package.json")));
const FILES = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
} as const;

export type PdfFont = keyof typeof FILES;

let files: Record<PdfFont, Buffer> | null = null;

/** The font files, read once per process. */
function fontFiles(): Record<PdfFont, Buffer> {
  files ??= {
    regular: readFileSync(require.resolve(FILES.regular)),
    bold: readFileSync(require.resolve(FILES.bold)),
  };
  return files;
}

/**
 * A font that lays every run out left to right. fontkit reverses the glyphs of each word it
 * detects as Hebrew, which pdfkit, having no bidi algorithm, would draw as words reversed in an
 * unreversed line; the report hands pdfkit lines already in visual order (visual-order.ts), so
 * the font must keep them as given.
 */
function leftToRight(file: Buffer): fontkit.Font {
  const font = fontkit.create(file) as fontkit.Font;
  const layout = font.layout.bind(font);
  font.layout = (text, features) => layout(text, features ?? [], undefined, undefined, "ltr");
  return font;
}

/** Registers the report fonts on a document as "regular" and "bold" (`doc.font("bold")`). */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = fontFiles();
  // pdfkit takes a fontkit font as a font source (PDFFontFactory.open); its typings know only files.
  doc.registerFont("regular", leftToRight(regular) as unknown as Buffer);
  doc.registerFont("bold", leftToRight(bold) as unknown as Buffer);
}
