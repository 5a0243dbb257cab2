/**
 * Email HTML made safe to show, and its plain text.
 *
 * The sanitizer is DOMPurify, through `isomorphic-dompurify` (the browser's own parser on the
 * client, jsdom on the server, same code on both). Chosen over sanitize-html because DOMPurify
 * sanitizes the tree a real HTML parser builds, which is what closes mutation XSS (markup that
 * changes meaning when re-parsed, namespace confusion between HTML, SVG and MathML) instead of
 * trusting a second, lenient parser to agree with the browser's; it is the most scrutinized
 * sanitizer there is, is small in the client bundle (sanitize-html brings postcss along), and
 * hands back a DOM we can walk to rewrite images and find quoted history without regexes over
 * markup. Pinned to the 3.19 line: later releases need Node 22, and Kiln still runs on 20.
 *
 * The pipeline, for every message:
 *   1. DOMPurify (HTML profile only: no SVG or MathML; no forms, media, frames, meta, base or
 *      link) parses the whole document into an inert tree: nothing loads, nothing runs.
 *   2. We walk that tree: links keep only http(s), mailto and tel and open in a new tab without
 *      an opener or referrer; images become `cid:` attachments, allowed remote images, or
 *      counted placeholders; CSS loses `@import`, `@font-face`, legacy script hooks, and every
 *      `url()` / `image-set()` it may not fetch; quoted history is wrapped in a closed
 *      `<details>`.
 *   3. The result is serialized and sanitized again with the same rules, so nothing our own
 *      rewriting did can survive that DOMPurify would not have let through.
 * The viewer (components/inbox/email-body.tsx) adds the second wall: a sandboxed iframe with no
 * scripts and a Content-Security-Policy that names the only image sources allowed.
 */
import DOMPurify, { type Config } from "isomorphic-dompurify";
import { collapse, opensQuote } from "./quote";

export type SanitizeEmailOptions = {
  /** Load remote (http/https) images and CSS backgrounds; otherwise they are counted and replaced. */
  allowRemoteImages: boolean;
  /** `cid:` content id (without `cid:` or angle brackets) → the URL Kiln serves that attachment at. */
  inlineImages?: Record<string, string>;
  /** The text of the `<summary>` that opens collapsed quoted history (default "…"). */
  quoteLabel?: string;
};

export type SanitizedEmail = {
  html: string;
  /** Remote images and CSS backgrounds left out because remote images are not allowed. */
  blockedImages: number;
  /** Whether quoted history was found (and collapsed). */
  hasQuote: boolean;
};

const ELEMENT = 1;
const TEXT = 3;

/** Tags a mail has no business showing: they submit, play, embed or load on their own. */
const FORBID_TAGS = [
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "option",
  "optgroup",
  "datalist",
  "output",
  "fieldset",
  "audio",
  "video",
  "source",
  "track",
  "picture",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "portal",
  "base",
  "link",
  "meta",
  "noscript",
  "template",
  "dialog",
];
const FORBID_ATTR = ["srcset", "sizes", "ping", "action", "formaction", "autofocus", "poster", "longdesc"];

const PURIFY_BASE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ADD_ATTR: ["target"],
} satisfies Config;

/** Link schemes a reader may follow out of an email. */
const SAFE_LINK = /^(?:https?:|mailto:|tel:)/i;
/** Inline images a sender may embed in the message itself (raster only: no SVG documents). */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const REMOTE = /^https?:\/\//i;
/** A protocol-relative URL (`//host/x`) loads from the web like an https one: treat it as one. */
const absolute = (url: string) => (url.startsWith("//") ? `https:${url}` : url);

/** Kiln's classes for what it adds to a message, styled by the viewer's frame stylesheet. */
export const EMAIL_CLASSES = {
  blockedImage: "kiln-blocked-image",
  quote: "kiln-quote",
} as const;

// ---------------------------------------------------------------------------------------------
// Quoted history

/** Elements that start a new line of text. */
const BLOCKS = new Set([
  "ADDRESS",
  "BLOCKQUOTE",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "DD",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TR",
  "UL",
]);

/** Containers mail clients put quoted history in (the first one found starts the quote). */
const QUOTE_SELECTORS = [
  ".gmail_quote", // Gmail
  ".gmail_quote_container",
  "blockquote[type=cite]", // Apple Mail, Thunderbird
  ".moz-cite-prefix", // Thunderbird's "On … wrote:" line
  "#divRplyFwdMsg", // Outlook (web and desktop)
  "#appendonsend", // Outlook web, just above the quote
  ".yahoo_quoted", // Yahoo
  "#mail-editor-reference-message-container", // Outlook for Mac
  ".protonmail_quote", // Proton Mail
];

/**
 * Nodes one look at an element's first words may visit: every element is looked at, so without a
 * bound a mail of deeply nested empty elements would cost the square of its size.
 */
const WALK_BUDGET = 400;

/** An element's text up to its first line break or block boundary, collapsed. */
function firstLine(el: Element): string {
  let text = "";
  let budget = WALK_BUDGET;
  const walk = (node: Node): boolean => {
    if (--budget < 0) return true;
    if (node.nodeType === TEXT) {
      text += node.nodeValue ?? "";
      return text.length > 700;
    }
    if (node.nodeType !== ELEMENT) return false;
    const tag = (node as Element).tagName;
    if (tag === "BR" || tag === "STYLE") return tag === "BR" && collapse(text) !== "";
    const block = node !== el && BLOCKS.has(tag);
    if (block && collapse(text) !== "") return true;
    for (const child of Array.from(node.childNodes)) if (walk(child)) return true;
    return block && collapse(text) !== "";
  };
  walk(el);
  return collapse(text);
}

/** The first `max` characters of an element's text, collapsed (enough for an attribution line, cheap on a long mail). */
function leadingText(el: Element, max = 600): string {
  let text = "";
  let budget = WALK_BUDGET;
  const walk = (node: Node): boolean => {
    if (--budget < 0) return true;
    if (node.nodeType === TEXT) text += node.nodeValue ?? "";
    else if (node.nodeType === ELEMENT && (node as Element).tagName !== "STYLE")
      for (const child of Array.from(node.childNodes)) if (walk(child)) return true;
    return text.length >= max;
  };
  walk(el);
  return collapse(text.slice(0, max));
}

/** Whether anything a reader would see comes before `node` inside `root`. */
function hasContentBefore(root: Element, node: Node): boolean {
  const doc = root.ownerDocument;
  const range = doc.createRange();
  range.setStart(root, 0);
  range.setEndBefore(node);
  const before = range.cloneContents();
  return collapse(before.textContent ?? "") !== "" || before.querySelector?.("img, hr, table") !== null;
}

/** The element quoted history starts at, or null: the earliest container or attribution line. */
function findQuoteStart(root: Element): Element | null {
  const candidates: Element[] = [];
  const bySelector = root.querySelector(QUOTE_SELECTORS.join(","));
  if (bySelector) candidates.push(bySelector);
  // The deepest element whose text starts with an attribution: walk down the first chain.
  const startsQuote = (el: Element) =>
    !["STYLE", "DETAILS", "SUMMARY"].includes(el.tagName) && opensQuote(leadingText(el), firstLine(el));
  let attribution = Array.from(root.querySelectorAll("*")).find(startsQuote);
  while (attribution) {
    const deeper = Array.from(attribution.querySelectorAll("*")).find(startsQuote);
    if (!deeper) break;
    attribution = deeper;
  }
  if (attribution) candidates.push(attribution);
  if (!candidates.length) return null;
  // DOCUMENT_POSITION_FOLLOWING (4): b comes after a, so a is earlier.
  let start = candidates.reduce((a, b) => (a.compareDocumentPosition(b) & 4 ? a : b));
  // A quote that is all its container holds starts at the container (Outlook's bordered header block).
  while (start.parentElement && start.parentElement !== root && !hasContentBefore(start.parentElement, start))
    start = start.parentElement;
  // Outlook draws a rule just above its header block: it belongs to the quote.
  const previous = start.previousElementSibling;
  if (previous?.tagName === "HR") start = previous;
  return start;
}

/** Moves everything from `start` to the end of `root` into a closed `<details>`; false when there is nothing new above it. */
function collapseQuote(root: Element, start: Element, label: string): boolean {
  if (!hasContentBefore(root, start)) return false;
  const doc = root.ownerDocument;
  const range = doc.createRange();
  range.setStartBefore(start);
  range.setEnd(root, root.childNodes.length);
  const quoted = range.extractContents();
  const details = doc.createElement("details");
  details.className = EMAIL_CLASSES.quote;
  const summary = doc.createElement("summary");
  summary.textContent = label;
  details.append(summary, quoted);
  root.append(details);
  return true;
}

// ---------------------------------------------------------------------------------------------
// CSS

/** Decoded CSS escapes (`\75 rl(` is `url(`), only to look for what escapes could hide. */
const decodeCssEscapes = (css: string) =>
  css.replace(/\\([0-9a-f]{1,6})\s?|\\(.)/gi, (_, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd) : (char ?? ""),
  );

/** Functions that fetch a resource from a URL, written as `url(…)` or with a string. */
const FETCHING = /\b(?:url|image-set|image|cross-fade|src)\s*\(/gi;
const LEGACY_SCRIPT = /expression\s*\(|javascript:|vbscript:|-moz-binding|\bbehavior\s*:/i;

type CssContext = { allowRemote: boolean; resolveCid: (cid: string) => string | null; blocked: number };

/** The URL inside `url(…)`, unquoted. */
const unquote = (raw: string) =>
  raw
    .trim()
    .replace(/^(['"])([\s\S]*)\1$/, "$2")
    .trim();

/**
 * CSS an email may keep: no `@import`, no `@font-face`, no legacy script hooks, and a `url()`
 * only for an inline `cid:` attachment, a raster data: image, or (when allowed) a remote image;
 * any other fetching function is replaced by `none` and a remote one counted as a blocked image.
 * Escaped CSS that still hides a fetching function after all this is dropped whole.
 */
export function cleanCss(css: string, ctx: CssContext): string {
  let out = css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "")
    .replace(/</g, "")
    .replace(/@import[^;]*;?/gi, "")
    .replace(/@font-face\s*\{[^}]*\}?/gi, "")
    .replace(/expression\s*\(/gi, "blocked(")
    .replace(/-moz-binding/gi, "-x-blocked")
    .replace(/\bbehavior\s*:/gi, "-x-blocked:")
    .replace(/(?:java|vb)script\s*:/gi, "blocked:");
  out = out.replace(/\burl\s*\(\s*((?:"[^"]*"|'[^']*'|[^)"'])*)\)/gi, (_, inner: string) => {
    const url = absolute(unquote(inner));
    if (/^cid:/i.test(url)) {
      const mapped = ctx.resolveCid(url.slice(4));
      return mapped ? `url("${mapped.replace(/["\\\n\r]/g, "")}")` : "none";
    }
    if (DATA_IMAGE.test(url)) return `url("${url.replace(/["\\\s]/g, "")}")`;
    if (REMOTE.test(url)) {
      if (ctx.allowRemote && !/["\\\s]/.test(url)) return `url("${url}")`;
      ctx.blocked += 1;
      return "none";
    }
    return "none";
  });
  // What fetches with a string argument (image-set("…"), src("…"), image("…")) goes unless remote is allowed.
  if (!ctx.allowRemote)
    out = out.replace(
      /\b(?:-webkit-image-set|image-set|image|cross-fade|src)\s*\(((?:"[^"]*"|'[^']*'|[^)"'])*)\)/gi,
      (_, inner: string) => {
        if (/https?:/i.test(inner)) ctx.blocked += 1;
        return "none";
      },
    );
  // Escapes can spell a function or at-rule the rules above did not see: such CSS goes whole.
  if (out.includes("\\")) {
    const decoded = decodeCssEscapes(out);
    const fetching = (s: string) => (s.match(FETCHING) ?? []).length;
    if (/@import|@font-face/i.test(decoded) || LEGACY_SCRIPT.test(decoded) || fetching(decoded) > fetching(out))
      return "";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Images and links

/** A declared dimension of at most 2px: the shape of a tracking pixel. */
function isPixel(img: Element): boolean {
  const tiny = (v: string | null | undefined) => v != null && /^\s*[0-2](?:\.\d+)?\s*(?:px)?\s*$/i.test(v);
  const style = img.getAttribute("style") ?? "";
  const cssSize = (prop: string) => style.match(new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, "i"))?.[1];
  return (
    tiny(img.getAttribute("width")) ||
    tiny(img.getAttribute("height")) ||
    tiny(cssSize("width")) ||
    tiny(cssSize("height")) ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)
  );
}

/** A stand-in for a remote image not (yet) allowed: its alt text, at its declared size. */
function placeholderFor(img: Element): Element {
  const doc = img.ownerDocument;
  const span = doc.createElement("span");
  span.className = EMAIL_CLASSES.blockedImage;
  const alt = collapse(img.getAttribute("alt") ?? "").slice(0, 120);
  span.textContent = alt || "\u00a0";
  const size = (attr: string) => {
    const n = Number(img.getAttribute(attr));
    return Number.isFinite(n) && n > 2 && n <= 2000 ? Math.round(n) : null;
  };
  const width = size("width");
  const height = size("height");
  const style = [width && `width:${width}px`, height && `height:${height}px`].filter(Boolean).join(";");
  if (style) span.setAttribute("style", `${style};max-width:100%`);
  return span;
}

/** A URL Kiln itself gives for an inline attachment: a path on Kiln, http(s), or a raster data: image. */
const SAFE_INLINE_URL = (url: string) => /^\/(?!\/)/.test(url) || REMOTE.test(url) || DATA_IMAGE.test(url);

function cidResolver(inlineImages: Record<string, string> | undefined) {
  const table = new Map<string, string>();
  for (const [cid, url] of Object.entries(inlineImages ?? {}))
    if (SAFE_INLINE_URL(url)) table.set(cid.replace(/^cid:/i, "").replace(/^<|>$/g, "").toLowerCase(), url);
  return (cid: string) => {
    let key = cid.trim().replace(/^<|>$/g, "");
    try {
      key = decodeURIComponent(key);
    } catch {
      // a malformed escape is looked up as written
    }
    return table.get(key.toLowerCase()) ?? null;
  };
}

// ---------------------------------------------------------------------------------------------

/** Elements whose end tag may be left out (the parser closes them): not counted as nesting. */
const VOID_OR_OPTIONAL_END =
  /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr|p|li|dt|dd|td|th|tr|thead|tbody|tfoot|colgroup|option|optgroup|rb|rt|rp)$/i;
/** Deeper than browsers build (Chromium flattens past 512); real mail stays far below. */
const MAX_DEPTH = 512;

/**
 * Whether the markup nests deeper than MAX_DEPTH, counted from its tags without parsing. Parsing
 * and sanitizing cost grows with the square of the depth on the server (jsdom): a mail of 20,000
 * nested `<div>`s would hold a worker for a minute.
 */
function nestsTooDeep(html: string): boolean {
  let depth = 0;
  for (const [, closing, name, selfClosing] of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)\b[^>]*?(\/?)>/gi)) {
    if (VOID_OR_OPTIONAL_END.test(name!)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing && ++depth > MAX_DEPTH) return true;
  }
  return false;
}

/** The text of markup too deep to parse, as inert HTML: tags dropped, no `<` left to open one. */
const flattened = (html: string) =>
  `<div style="white-space:pre-wrap">${html
    .replace(/<(?:style|script|title|head)\b[\s\S]*?<\/(?:style|script|title|head)\s*>/gi, " ")
    .replace(/<[^>]*>?/g, " ")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[ \t]+/g, " ")
    .trim()}</div>`;

/** DOMPurify's inert tree of the whole message (`<html>` with head and body). */
function purifiedDocument(html: string): HTMLElement {
  const page = DOMPurify.sanitize(nestsTooDeep(html) ? flattened(html) : html, {
    ...PURIFY_BASE,
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
  }) as unknown;
  if (!page || typeof page !== "object" || !("querySelector" in page))
    throw new Error("The sanitizer returned no document");
  return page as HTMLElement;
}

/** Sanitized, self-contained HTML for the viewer's frame; see the module comment for what goes. */
export function sanitizeEmailHtml(html: string, options: SanitizeEmailOptions): SanitizedEmail {
  return rewritten(purifiedDocument(html), options);
}

/**
 * The same email with remote images blocked and shown, from one parse of the raw HTML (the
 * costly step): what the viewer needs to size its frame either way before the reader chooses.
 */
export function sanitizeEmailBothWays(
  html: string,
  options: Omit<SanitizeEmailOptions, "allowRemoteImages">,
): { blocked: SanitizedEmail; shown: SanitizedEmail } {
  const page = purifiedDocument(html);
  const copy = page.cloneNode(true) as HTMLElement;
  const blocked = rewritten(page, { ...options, allowRemoteImages: false });
  return { blocked, shown: blocked.blockedImages ? rewritten(copy, { ...options, allowRemoteImages: true }) : blocked };
}

/** Kiln's rules over DOMPurify's tree (which this changes in place), then DOMPurify once more. */
function rewritten(page: HTMLElement, options: SanitizeEmailOptions): SanitizedEmail {
  const doc = page.ownerDocument;
  const body = page.querySelector("body") ?? page;
  const resolveCid = cidResolver(options.inlineImages);
  const ctx: CssContext = { allowRemote: options.allowRemoteImages, resolveCid, blocked: 0 };

  // One container for what is shown: the head's styles, then the body's content.
  const root = doc.createElement("div");
  for (const style of Array.from(page.querySelectorAll("head style"))) root.append(style);
  root.append(...Array.from(body.childNodes));

  for (const style of Array.from(root.querySelectorAll("style"))) {
    const css = cleanCss(style.textContent ?? "", ctx);
    if (css.trim()) style.textContent = css;
    else style.remove();
  }
  for (const el of Array.from(root.querySelectorAll("[style]"))) {
    const css = cleanCss(el.getAttribute("style") ?? "", ctx);
    if (css.trim()) el.setAttribute("style", css);
    else el.removeAttribute("style");
  }

  // The legacy `background="…"` attribute of tables and cells loads an image like <img> does.
  for (const el of Array.from(root.querySelectorAll("[background]"))) {
    const url = absolute((el.getAttribute("background") ?? "").trim());
    const mapped = /^cid:/i.test(url) ? resolveCid(url.slice(4)) : null;
    if (mapped) el.setAttribute("background", mapped);
    else if (REMOTE.test(url) && options.allowRemoteImages) el.setAttribute("background", url);
    else {
      if (REMOTE.test(url)) ctx.blocked += 1;
      el.removeAttribute("background");
    }
  }

  for (const img of Array.from(root.querySelectorAll("img"))) {
    const src = absolute((img.getAttribute("src") ?? "").trim());
    img.removeAttribute("loading");
    if (/^cid:/i.test(src)) {
      const mapped = resolveCid(src.slice(4));
      if (mapped) img.setAttribute("src", mapped);
      else img.replaceWith(placeholderFor(img));
    } else if (DATA_IMAGE.test(src)) {
      img.setAttribute("src", src.replace(/\s/g, ""));
    } else if (REMOTE.test(src)) {
      if (options.allowRemoteImages) {
        img.setAttribute("src", src);
      } else {
        ctx.blocked += 1;
        if (isPixel(img)) img.remove();
        else img.replaceWith(placeholderFor(img));
      }
    } else {
      // A relative URL (it would resolve against Kiln itself) or any other scheme: never loaded.
      img.replaceWith(placeholderFor(img));
    }
  }

  for (const a of Array.from(root.querySelectorAll("a, area"))) {
    const href = (a.getAttribute("href") ?? "").trim();
    for (const attr of ["target", "rel", "download", "hreflang", "type"]) a.removeAttribute(attr);
    if (SAFE_LINK.test(href)) {
      a.setAttribute("href", href);
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer nofollow");
    } else if (!href.startsWith("#")) a.removeAttribute("href");
  }

  const start = findQuoteStart(root);
  const hasQuote = start ? collapseQuote(root, start, options.quoteLabel ?? "…") : false;

  // Second pass over the rewritten tree: the same rules, so no rewrite of ours can bring in more.
  const clean = DOMPurify.sanitize(root.innerHTML, { ...PURIFY_BASE, FORCE_BODY: true }) as string;
  return { html: clean, blockedImages: ctx.blocked, hasQuote };
}

// ---------------------------------------------------------------------------------------------
// Plain text

/**
 * The text of an email's HTML for previews and search: sanitized first (so nothing hidden in
 * scripts or styles is read), quoted history left out unless `includeQuote`, one line per block,
 * runs of blank lines and spaces folded.
 */
export function emailTextPreview(html: string, { includeQuote = false }: { includeQuote?: boolean } = {}): string {
  const page = purifiedDocument(html);
  const root = page.querySelector("body") ?? page;
  for (const el of Array.from(page.querySelectorAll("style, title, head"))) el.remove();
  if (!includeQuote) {
    const start = findQuoteStart(root);
    if (start && hasContentBefore(root, start)) {
      const range = root.ownerDocument.createRange();
      range.setStartBefore(start);
      range.setEnd(root, root.childNodes.length);
      range.deleteContents();
    }
  }
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === TEXT) parts.push((node.nodeValue ?? "").replace(/\s+/g, " "));
    else if (node.nodeType === ELEMENT) {
      const tag = (node as Element).tagName;
      if (tag === "BR") return void parts.push("\n");
      const block = BLOCKS.has(tag) || tag === "TD" || tag === "TH";
      if (block) parts.push(tag === "TD" || tag === "TH" ? " " : "\n");
      node.childNodes.forEach(walk);
      if (block && tag !== "TD" && tag !== "TH") parts.push("\n");
    }
  };
  walk(root);
  return parts
    .join("")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
