import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { EmailBody } from "@/components/inbox/email-body";
import {
  emailDisplay,
  emailFrameCsp,
  emailFrameDocument,
  emailImageSources,
  estimateEmailHeight,
} from "@/lib/email/frame";
import { sanitizeEmailHtml } from "@/lib/email/sanitize";
import en from "@/lib/i18n/messages/en.json";
import { textInLocale } from "../approvals/in-locale";
import { attributeOf, renderEmailBody } from "./render-email-body";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../fixtures/email", name), "utf8");
const csp = (document: string) => document.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
/** The frame's document as app/api/v1/messages/[id]/email/frame builds it, images blocked. */
const frameDocument = (html: string, quoteLabel?: string) =>
  emailFrameDocument({
    html: sanitizeEmailHtml(html, { allowRemoteImages: false, quoteLabel }).html,
    imageSources: emailImageSources({ allowRemoteImages: false }),
  });

describe("email body", () => {
  const markup = renderEmailBody({
    messageId: "m1",
    display: emailDisplay(fixture("hostile/tracking-pixel.html"), en.inbox.email.showQuoted),
    text: null,
  });
  const srcdoc = frameDocument(fixture("hostile/tracking-pixel.html"));

  it("shows the HTML in a frame that may open links in a new tab and nothing else", () => {
    expect(attributeOf(markup, "iframe", "sandbox")).toBe("allow-popups allow-popups-to-escape-sandbox");
    expect(markup).not.toMatch(/allow-scripts|allow-same-origin|allow-forms|allow-top-navigation/);
    expect(attributeOf(markup, "iframe", "referrerpolicy")).toBe("no-referrer");
    expect(attributeOf(markup, "iframe", "title")).toBe(en.inbox.email.frameTitle);
    // The document comes from the frame route, with its policy as a header: not a srcdoc under this page's policy.
    expect(attributeOf(markup, "iframe", "src")).toBe("/api/v1/messages/m1/email/frame?images=0");
    expect(attributeOf(markup, "iframe", "srcdoc")).toBeNull();
  });

  it("puts a policy in the frame that allows no script, font or connection, and images only from data: until allowed", () => {
    expect(srcdoc.indexOf("Content-Security-Policy")).toBeLessThan(srcdoc.indexOf("<body"));
    expect(csp(srcdoc)).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'",
    );
    expect(srcdoc).toContain('<meta name="referrer" content="no-referrer">');
    expect(srcdoc).not.toContain("tracker.example");
  });

  it("counts blocked images and offers to show them", () => {
    const text = textInLocale(
      "en",
      createElement(EmailBody, {
        messageId: "m1",
        display: emailDisplay(fixture("hostile/tracking-pixel.html"), en.inbox.email.showQuoted),
        text: null,
      }),
    );
    expect(text).toContain("4 images were blocked");
    expect(text).toContain(en.inbox.email.showImages);
    // Nothing blocked, nothing to offer.
    const plain = renderEmailBody({
      messageId: "m2",
      display: emailDisplay("<p>Hi</p>", en.inbox.email.showQuoted),
      text: null,
    });
    expect(plain).not.toContain(en.inbox.email.showImages);
  });

  it("allows inline attachments in the policy, by origin, and web images only once shown", () => {
    expect(
      emailImageSources({
        allowRemoteImages: false,
        inlineImageUrls: ["/api/v1/attachments/a/content"],
        pageOrigin: "https://kiln.example",
      }),
    ).toEqual(["data:", "https://kiln.example"]);
    expect(
      emailImageSources({
        allowRemoteImages: false,
        inlineImageUrls: ["/api/v1/attachments/a/content"],
        pageOrigin: null,
      }),
    ).toEqual(["data:", "'self'"]);
    expect(emailImageSources({ allowRemoteImages: true, inlineImageUrls: ["https://files.example/a?sig=1"] })).toEqual([
      "data:",
      "https://files.example",
      "https:",
      "http:",
    ]);
    expect(emailFrameCsp(["data:", "https:"])).toContain("img-src data: https:;");
  });

  it("folds quoted history behind a translated summary", () => {
    expect(frameDocument(fixture("quotes/german.html"), en.inbox.email.showQuoted)).toContain(
      `<details class="kiln-quote"><summary>${en.inbox.email.showQuoted}</summary>`,
    );
  });

  it("falls back to the plain text, its quote folded, and says when there is nothing", () => {
    const text = renderEmailBody({
      messageId: "m4",
      display: emailDisplay(null, en.inbox.email.showQuoted),
      text: "Thanks!\nOn Tue, Dana wrote:\n> Hi <b>",
    });
    expect(text).not.toContain("<iframe");
    expect(text).toContain("<bdi");
    expect(text).toContain("Thanks!");
    expect(text).toMatch(/<details[^>]*><summary[^>]*>Show quoted text<\/summary>/);
    expect(text).toContain("&gt; Hi &lt;b&gt;");
    expect(
      renderEmailBody({ messageId: "m5", display: emailDisplay("  ", en.inbox.email.showQuoted), text: null }),
    ).toContain(en.inbox.email.empty);
  });

  it("sizes the frame from the message, capped, with a way to see all of a long one", () => {
    expect(estimateEmailHeight("<p>Hi</p>")).toBeLessThan(100);
    const long = `<p>${"word ".repeat(4000)}</p>`;
    expect(estimateEmailHeight(long)).toBeGreaterThan(2000);
    const markupLong = renderEmailBody({
      messageId: "m6",
      display: emailDisplay(long, en.inbox.email.showQuoted),
      text: null,
    });
    expect(markupLong).toContain("height:480px");
    expect(markupLong).toContain(en.inbox.email.showAll);
    // With images shown, the count goes and the estimate is the one with images.
    expect(emailDisplay(fixture("hostile/tracking-pixel.html"), "…")).toMatchObject({ blockedImages: 4 });
    expect(emailDisplay("<p>Hi</p>", "…")).toEqual({
      blockedImages: 0,
      height: { imagesBlocked: 45, imagesShown: 45 },
    });
    expect(
      renderEmailBody({ messageId: "m7", display: emailDisplay("<p>Hi</p>", en.inbox.email.showQuoted), text: null }),
    ).not.toContain(en.inbox.email.showAll);
  });
});
