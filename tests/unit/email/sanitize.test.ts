import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitPlainTextQuote } from "@/lib/email/quote";
import { emailTextPreview, sanitizeEmailBothWays, sanitizeEmailHtml } from "@/lib/email/sanitize";

/**
 * Hostile emails (tests/fixtures/email/hostile/) and real clients' quoted replies
 * (tests/fixtures/email/quotes/) through the sanitizer, asserted on what comes out.
 */

const fixtures = path.resolve(__dirname, "../../fixtures/email");
const fixture = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const blocked = (html: string) => sanitizeEmailHtml(html, { allowRemoteImages: false });
const allowed = (html: string) => sanitizeEmailHtml(html, { allowRemoteImages: true });

/** What no sanitized email may ever contain, whatever it was sent as. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|<button|<textarea|<select|<meta|<base|<link/i);
  expect(html).not.toMatch(/<svg|<math|<foreignobject/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(?:java|vb)script\s*:/i);
  expect(html).not.toMatch(/href="data:|src="data:text|formaction|@import|expression\(/i);
}

/** The href of every link left in `html`. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
/** Every URL under http(s) the email would still fetch (img src, CSS url(), background attribute). */
const fetched = (html: string) =>
  [
    ...html.matchAll(/(?:src|background)="(https?:[^"]*)"/g),
    ...html.matchAll(/url\((?:&quot;|["'])?(https?:[^)"&]*)/g),
  ].map((m) => m[1]);

describe("hostile emails", () => {
  const corpus = readdirSync(path.join(fixtures, "hostile")).filter((f) => f.endsWith(".html"));

  it.each(corpus)("%s comes out inert, with or without remote images", (file) => {
    const html = fixture(`hostile/${file}`);
    expectInert(blocked(html).html);
    expectInert(allowed(html).html);
  });

  it("removes script elements, their text and script hidden in noscript, keeping the message", () => {
    const { html } = blocked(fixture("hostile/script-tags.html"));
    expect(html).not.toMatch(/<script|<noscript|<img|document\.cookie|alert\(1\)|alert\(3\)|onerror/i);
    expect(html).toContain("<p>Hello</p>");
    // The split tag is left as harmless text.
    expect(html).toContain("ipt&gt;alert(2)");
  });

  it("strips every event handler attribute and autofocus", () => {
    const { html } = blocked(fixture("hostile/event-handlers.html"));
    expect(html).not.toMatch(/onload|onerror|onmouseover|onclick|onfocus|ontoggle|autofocus|alert\(/i);
    expect(html).toContain('<div style="padding:4px">Hover me</div>');
    expect(hrefs(html)).toEqual(["https://example.com"]);
  });

  it("drops javascript:, vbscript: and data:text/html links however they are spelt, keeping http(s) and mailto", () => {
    const { html } = blocked(fixture("hostile/javascript-links.html"));
    expect(hrefs(html)).toEqual(["https://safe.example/path?q=1", "mailto:rep@example.com"]);
    // The link text stays readable, only the destination goes.
    for (const label of ["mixed case", "decimal entities", "hex entities", "tab inside", "vbscript", "DATA html"])
      expect(html).toContain(`<a>${label}</a>`);
  });

  it("opens links in a new tab with no opener, no referrer and no endorsement", () => {
    const { html } = blocked(fixture("hostile/javascript-links.html"));
    expect(html).toContain(
      '<a href="https://safe.example/path?q=1" target="_blank" rel="noopener noreferrer nofollow">a real link</a>',
    );
    expect(html.match(/target="_blank"/g)).toHaveLength(2);
  });

  it("removes SVG and MathML with their scripts, links and images, and the mutation-XSS payload inside", () => {
    const { html } = blocked(fixture("hostile/svg-script.html"));
    expect(html).not.toMatch(/<svg|<math|mglyph|tracker\.example|alert/i);
    // An SVG document as a data: image is not a raster image: not loaded.
    expect(html).not.toContain("data:image/svg");
    expect(html).toContain('<span class="kiln-blocked-image">svg data</span>');
  });

  it("neutralizes CSS beacons in style attributes and table backgrounds, counting each as a blocked image", () => {
    const result = blocked(fixture("hostile/css-url-beacons.html"));
    expect(fetched(result.html)).toEqual([]);
    expect(result.html).not.toMatch(/tracker\.example|evil\.example|image-set/);
    expect(result.html).toContain('<div style="background: #fff none no-repeat">Second</div>');
    // url() ×2, background= ×2, protocol-relative, image-set, -moz-binding's url().
    expect(result.blockedImages).toBe(7);
  });

  it("drops a style whose CSS escapes spell a url() the filter could not see", () => {
    const { html } = allowed(fixture("hostile/css-url-beacons.html"));
    expect(html).toContain("<p>fifth</p>");
    expect(html).not.toContain("escaped.png");
  });

  it("neutralizes legacy script hooks in CSS (expression, -moz-binding, behavior)", () => {
    const { html } = allowed(fixture("hostile/css-url-beacons.html"));
    expect(html).not.toMatch(/expression\(|-moz-binding|behavior\s*:/i);
  });

  it("removes @import (plain and escaped) and attribute-selector exfiltration from style blocks", () => {
    const result = blocked(fixture("hostile/css-import.html"));
    expect(result.html).not.toMatch(/@import|@\\69mport|steal\.css|second\.css|escaped\.css|leak\?a/);
    expect(result.html).toContain("p { color: #333 }");
    expect(result.html).toContain('input[value^="a"] { background: none }');
    // Even with remote images allowed, imported stylesheets never load.
    expect(allowed(fixture("hostile/css-import.html")).html).not.toMatch(/@import|steal\.css|escaped\.css/);
  });

  it("removes remote fonts and keeps the rest of a newsletter's style block", () => {
    const result = blocked(fixture("hostile/style-remote-fonts.html"));
    expect(result.html).not.toMatch(/@font-face|fonts\.evil\.example|woff/);
    expect(result.html).toContain("h1 { color: #123456; }");
    expect(result.html).toContain(".hero { background: none center / cover; }");
    expect(result.blockedImages).toBe(1);
    // Allowed: the hero image comes back, the fonts do not.
    const shown = allowed(fixture("hostile/style-remote-fonts.html")).html;
    expect(fetched(shown)).toEqual(["https://cdn.example/hero.jpg"]);
    expect(shown).not.toContain("fonts.evil.example");
  });

  it("removes meta refresh, a sender's CSP and the title", () => {
    const { html } = blocked(fixture("hostile/meta-refresh.html"));
    expect(html).not.toMatch(/refresh|phish\.example|Content-Security-Policy|<title|Invoice</i);
    expect(html.trim()).toBe("<p>Your invoice is attached.</p>");
  });

  it("removes <base> and <link>, and relative links and images that would resolve against Kiln", () => {
    const { html } = allowed(fixture("hostile/base-href.html"));
    expect(html).not.toMatch(/<base|<link|evil\.example|href=|src=/);
    expect(html).toContain("<a>Sign in</a>");
    expect(html).toContain('<span class="kiln-blocked-image">logo</span>');
  });

  it("removes phishing forms, their controls and embedded frames and plugins", () => {
    const { html } = allowed(fixture("hostile/form-phishing.html"));
    expect(html).not.toMatch(/phish\.example|evil\.example|password|placeholder|<option/i);
    expect(html).toContain("<p>Your session expired. Sign in again:</p>");
    expect(html).toContain("<p>Thanks</p>");
  });

  it("drops tracking pixels and replaces other remote images with their alt text until allowed", () => {
    const result = blocked(fixture("hostile/tracking-pixel.html"));
    expect(result.blockedImages).toBe(4);
    expect(fetched(result.html)).toEqual([]);
    expect(result.html).not.toMatch(/tracker\.example|<img/);
    expect(result.html).toContain(
      '<span class="kiln-blocked-image" style="width:300px;height:200px;max-width:100%">Product photo</span>',
    );
    expect(result.html).toContain('<span class="kiln-blocked-image">Responsive</span>');
    // The 1×1 pixels leave no placeholder behind.
    expect(result.html.match(/kiln-blocked-image/g)).toHaveLength(2);
  });

  it("shows remote images once allowed, without srcset", () => {
    const result = allowed(fixture("hostile/tracking-pixel.html"));
    expect(result.blockedImages).toBe(0);
    expect(fetched(result.html)).toEqual([
      "https://t.tracker.example/open?id=abc123",
      "https://t.tracker.example/o2.gif",
      "https://cdn.example/photo.jpg",
      "https://cdn.example/responsive.jpg",
    ]);
    expect(result.html).not.toMatch(/srcset|r2\.jpg|kiln-blocked-image/);
  });
});

describe("inline (cid:) images", () => {
  const html =
    '<p>Logo <img src="cid:logo@mail" alt="Logo"> and <img src="cid:missing" alt="Missing"></p>' +
    '<div style="background:url(cid:LOGO@mail)">x</div><img src="cid:hostile">';
  const inlineImages = {
    "<logo@mail>": "/api/v1/attachments/a1/content",
    hostile: "javascript:alert(1)",
  };

  it("points cid: images at the attachment URLs given, whatever remote images do", () => {
    const result = sanitizeEmailHtml(html, { allowRemoteImages: false, inlineImages });
    expect(result.html).toContain('<img src="/api/v1/attachments/a1/content" alt="Logo">');
    expect(result.html).toContain('style="background:url(&quot;/api/v1/attachments/a1/content&quot;)"');
    expect(result.blockedImages).toBe(0);
  });

  it("shows an unknown content id, or one mapped to an unsafe URL, as a placeholder", () => {
    const result = sanitizeEmailHtml(html, { allowRemoteImages: true, inlineImages });
    expect(result.html).toContain('<span class="kiln-blocked-image">Missing</span>');
    expect(result.html).not.toMatch(/cid:|javascript/);
  });

  it("keeps raster data: images and drops other data: documents", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    const result = sanitizeEmailHtml(`<img src="${png}" alt="a"><img src="data:text/html;base64,PHA+" alt="b">`, {
      allowRemoteImages: false,
    });
    expect(result.html).toContain(`<img src="${png}" alt="a">`);
    expect(result.html).toContain('<span class="kiln-blocked-image">b</span>');
  });
});

describe("quoted history", () => {
  const quoted = (file: string) =>
    sanitizeEmailHtml(fixture(`quotes/${file}`), { allowRemoteImages: false, quoteLabel: "Show quoted" });
  /** The reply shown, and the part folded away, as text. */
  const parts = (html: string) => {
    const at = html.indexOf("<details");
    const text = (s: string) =>
      s
        .replace(/<[^>]+>/g, " ")
        .replace(/&[a-z]+;/g, " ")
        .replace(/\s+/g, " ")
        .trim();
    return { reply: text(html.slice(0, at)), quote: text(html.slice(at)) };
  };

  it.each([
    ["gmail-en.html", "Sounds good, Thursday works for us. Sam", "Can we meet on Thursday?"],
    ["apple-en.html", "Yes, send the contract.", "Shall I send the contract?"],
    ["outlook-en.html", "Approved on our side.", "Is the price approved?"],
    ["outlook-web.html", "Thanks, received.", "Here are the files."],
    ["original-message.html", "Please see below.", "What does the enterprise plan cost?"],
    ["german.html", "Vielen Dank, das passt uns gut.", "Können wir am Donnerstag sprechen?"],
    ["german-outlook.html", "Einverstanden.", "Ist das Angebot noch gültig?"],
    ["hebrew.html", "מעולה, נתראה ביום חמישי.", "אפשר להיפגש ביום חמישי?"],
    ["hebrew-gmail.html", "תודה רבה!", "מה המחיר?"],
  ])("%s: the reply stays open and the quote is folded into a closed <details>", (file, reply, quote) => {
    const result = quoted(file);
    expect(result.hasQuote).toBe(true);
    expect(result.html).toContain('<details class="kiln-quote"><summary>Show quoted</summary>');
    expect(result.html).not.toMatch(/<details[^>]*\sopen/);
    const shown = parts(result.html);
    expect(shown.reply).toBe(reply);
    expect(shown.quote).toContain(quote);
  });

  it("folds the attribution line with the quote (English, German, Hebrew)", () => {
    expect(parts(quoted("gmail-en.html").html).quote).toMatch(/^Show quoted On Tue, Dec 1, 2026 .* wrote:/);
    expect(parts(quoted("german.html").html).quote).toMatch(/^Show quoted Am Di\., 1\. Dez\. 2026 .* schrieb /);
    expect(parts(quoted("hebrew.html").html).quote).toMatch(/^Show quoted ב-יום ג׳.* כתב:/);
    // Gmail's Hebrew attribution, wrapped in bidi marks, without Gmail's classes.
    const hebrewGmail = sanitizeEmailHtml(
      "<div>תודה</div><div>\u202bבתאריך יום ג׳, 1 בדצמ׳ 2026 מאת \u202aדנה\u202c &lt;d@x.co.il&gt;:\u202c<br></div><blockquote>מה?</blockquote>",
      { allowRemoteImages: false },
    );
    expect(hebrewGmail.hasQuote).toBe(true);
    expect(parts(hebrewGmail.html).reply).toBe("תודה");
  });

  it("does not fold a message that only mentions writing, nor one that is all quote", () => {
    for (const file of ["no-quote.html", "forward-only.html"]) {
      const result = quoted(file);
      expect(result.hasQuote, file).toBe(false);
      expect(result.html).not.toContain("<details");
    }
  });

  it("does not fold a reply that reports what someone wrote, in a sentence of its own", () => {
    for (const html of [
      "<div>Hi Sam,</div><div>On Monday the client wrote: we have budget for Q1.</div><div>Thoughts?</div>",
      "<div>Hallo,</div><div>Am Montag schrieb der Kunde: Budget ist da.</div>",
      "<div>היי,</div><div>בפגישה אתמול הלקוח כתב: אנחנו מעוניינים.</div>",
    ]) {
      const result = sanitizeEmailHtml(html, { allowRemoteImages: false });
      expect(result.hasQuote, html).toBe(false);
    }
  });

  it("splits plain-text replies at the attribution line or the trailing > block", () => {
    expect(splitPlainTextQuote("Thanks!\n\nOn Tue, Dec 1, 2026, Dana <d@x.com> wrote:\n> Hi")).toEqual({
      body: "Thanks!",
      quote: "On Tue, Dec 1, 2026, Dana <d@x.com> wrote:\n> Hi",
    });
    expect(splitPlainTextQuote("Gern.\nAm 1. Dez. 2026 schrieb Dana:\n> Hallo").body).toBe("Gern.");
    expect(splitPlainTextQuote("בסדר.\nב-1 בדצמ׳ 2026, דנה כתב:\n> שלום").body).toBe("בסדר.");
    expect(splitPlainTextQuote("Yes\n\n> earlier\n>\n> text")).toEqual({ body: "Yes", quote: "> earlier\n>\n> text" });
    expect(splitPlainTextQuote("No quote here.\nOn we go.")).toEqual({
      body: "No quote here.\nOn we go.",
      quote: null,
    });
  });
});

describe("cost", () => {
  it("shows a mail nested deeper than browsers build as its text, without parsing it", () => {
    const nested = `<p>Hi</p>${"<div>".repeat(20_000)}<img src=x onerror=alert(1)>deep${"</div>".repeat(20_000)}`;
    const started = performance.now();
    const result = sanitizeEmailHtml(nested, { allowRemoteImages: false });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.html).toMatch(/^<div style="white-space:pre-wrap">Hi\s+deep<\/div>$/);
    expect(emailTextPreview(nested)).toBe("Hi deep");
  });

  it("parses ordinary nesting (tables in tables, unclosed paragraphs and cells) as HTML", () => {
    const html = `${"<table><tr><td>".repeat(40)}Deal${"</td></tr></table>".repeat(40)}${"<p>para".repeat(800)}`;
    expect(sanitizeEmailHtml(html, { allowRemoteImages: false }).html).toContain("<table><tbody><tr><td><table>");
  });
});

describe("emailTextPreview", () => {
  it("gives the reply's text, one line per block, without quoted history, styles or scripts", () => {
    expect(emailTextPreview(fixture("quotes/gmail-en.html"))).toBe("Sounds good, Thursday works for us.\n\nSam");
    expect(emailTextPreview(fixture("hostile/style-remote-fonts.html"))).toBe("Newsletter");
    expect(emailTextPreview(fixture("hostile/script-tags.html"))).not.toMatch(/cookie|alert\(1\)/);
    expect(emailTextPreview("<p>Fish &amp; chips&nbsp;at&#32;<b>noon</b></p><p>Line<br>two</p>")).toBe(
      "Fish & chips at noon\n\nLine\ntwo",
    );
  });

  it("keeps the quote when asked, for search", () => {
    const text = emailTextPreview(fixture("quotes/german.html"), { includeQuote: true });
    expect(text).toContain("Vielen Dank");
    expect(text).toContain("Können wir am Donnerstag sprechen?");
  });
});

describe("both ways from one parse", () => {
  it("gives exactly what sanitizing twice gives, blocked and shown, for every hostile fixture", () => {
    const dir = path.join(fixtures, "hostile");
    const names = readdirSync(dir).filter((name) => name.endsWith(".html"));
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      const html = fixture(`hostile/${name}`);
      const both = sanitizeEmailBothWays(html, { quoteLabel: "Show quoted" });
      expect(both.blocked, name).toEqual(
        sanitizeEmailHtml(html, { allowRemoteImages: false, quoteLabel: "Show quoted" }),
      );
      expect(both.shown, name).toEqual(sanitizeEmailHtml(html, { allowRemoteImages: true, quoteLabel: "Show quoted" }));
    }
  });
});
