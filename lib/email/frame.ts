/**
 * The document an email is shown in: sanitized HTML (lib/email/sanitize.ts) inside a page with
 * its own Content-Security-Policy, served by app/api/v1/messages/[id]/email/frame (the policy also
 * as a header there) to a sandboxed iframe (components/inbox/email-body.tsx).
 *
 * The frame runs no script and has an opaque origin, so the page around it cannot read its
 * height. Instead `estimateEmailHeight` guesses one from the sanitized markup; the viewer shows
 * up to a cap and scrolls inside the frame past it (see the component for the rest).
 */
import { EMAIL_CLASSES, sanitizeEmailBothWays } from "./sanitize";

/** Where images may come from: data: images, the origins of inline attachments, and the web once allowed. */
export function emailImageSources({
  allowRemoteImages,
  inlineImageUrls = [],
  pageOrigin,
}: {
  allowRemoteImages: boolean;
  inlineImageUrls?: string[];
  /** The origin Kiln is served from, for attachment URLs given as paths: 'self' would not match from an opaque origin. */
  pageOrigin?: string | null;
}): string[] {
  const sources = new Set<string>(["data:"]);
  for (const url of inlineImageUrls) {
    if (url.startsWith("/") && !url.startsWith("//")) sources.add(pageOrigin ?? "'self'");
    else if (/^https?:\/\//i.test(url)) {
      try {
        sources.add(new URL(url).origin);
      } catch {
        // not a URL: the sanitizer will not have used it either
      }
    }
  }
  if (allowRemoteImages) {
    sources.add("https:");
    sources.add("http:");
  }
  return [...sources];
}

/**
 * The frame's policy: nothing by default (no script, frame, font, media, connection or form
 * target), inline styles only, images from `imageSources` alone.
 */
export function emailFrameCsp(imageSources: string[]): string {
  return [
    "default-src 'none'",
    `img-src ${imageSources.join(" ")}`,
    "style-src 'unsafe-inline'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

/**
 * Always a light page, like Gmail and Apple Mail on the web: senders hard-code dark text and
 * white table cells, which a dark frame would make unreadable. The surroundings follow the theme.
 */
const FRAME_CSS = `
:root { color-scheme: light; }
html, body { margin: 0; padding: 0; background: #ffffff; color: #18181b; }
body { padding: 12px 16px; font: 14px/1.5 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
table { max-width: 100%; }
pre { white-space: pre-wrap; }
a { color: #c2410c; }
.${EMAIL_CLASSES.blockedImage} { display: inline-block; box-sizing: border-box; min-width: 1.5em; min-height: 1.5em; max-width: 100%; overflow: hidden; padding: 2px 6px; border: 1px dashed #a1a1aa; border-radius: 4px; background: #f4f4f5; color: #52525b; font-size: 12px; vertical-align: middle; }
details.${EMAIL_CLASSES.quote} { margin-top: 12px; }
details.${EMAIL_CLASSES.quote} > summary { display: inline-block; list-style: none; cursor: pointer; padding: 0 8px; border: 1px solid #d4d4d8; border-radius: 999px; color: #52525b; font-size: 12px; line-height: 18px; }
details.${EMAIL_CLASSES.quote} > summary::-webkit-details-marker { display: none; }
details.${EMAIL_CLASSES.quote}[open] > summary { margin-bottom: 8px; }
`;

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The whole frame document: policy and referrer first, Kiln's styles, then the sanitized body. */
export function emailFrameDocument({ html, imageSources }: { html: string; imageSources: string[] }): string {
  return [
    "<!doctype html><html><head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(emailFrameCsp(imageSources))}">`,
    '<meta name="referrer" content="no-referrer">',
    `<style>${FRAME_CSS}</style>`,
    `</head><body dir="auto">${html}</body></html>`,
  ].join("");
}

/**
 * A guess at the rendered height of sanitized email HTML, in CSS pixels: lines of text at about
 * 90 characters each, one per block or line break, plus declared image heights. Good enough to
 * size the frame without reading it; the frame scrolls if the guess is short.
 */
export function estimateEmailHeight(html: string): number {
  const quoteAt = html.indexOf(`<details class="${EMAIL_CLASSES.quote}"`);
  const visible = quoteAt >= 0 ? html.slice(0, quoteAt) : html;
  const withoutStyles = visible.replace(/<style[\s\S]*?<\/style>/gi, "");
  const text = withoutStyles
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  const blocks = (withoutStyles.match(/<(?:p|div|br|tr|li|h[1-6]|blockquote|hr)\b/gi) ?? []).length;
  const lines = Math.max(Math.ceil(text.length / 90), Math.min(blocks, Math.ceil(text.length / 12) + 1), 1);
  const images = [...withoutStyles.matchAll(/<(?:img|span class="kiln-blocked-image")[^>]*?height[:=]"?(\d+)/gi)]
    .map((m) => Number(m[1]))
    .reduce((sum, h) => sum + Math.min(h, 1200), 0);
  return Math.round(24 + lines * 21 + images + (quoteAt >= 0 ? 34 : 0));
}

/**
 * What the viewer needs to lay out an HTML email's frame without sanitizing in the browser:
 * how many remote images the frame leaves out until the reader shows them, and its estimated
 * height either way. Null for an email without HTML (the viewer shows its text).
 */
export type EmailDisplay = { blockedImages: number; height: { imagesBlocked: number; imagesShown: number } };

export function emailDisplay(html: string | null, quoteLabel: string): EmailDisplay | null {
  if (!html?.trim()) return null;
  const { blocked, shown } = sanitizeEmailBothWays(html, { quoteLabel });
  return {
    blockedImages: blocked.blockedImages,
    height: { imagesBlocked: estimateEmailHeight(blocked.html), imagesShown: estimateEmailHeight(shown.html) },
  };
}
