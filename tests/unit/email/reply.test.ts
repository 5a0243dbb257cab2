import { describe, expect, it } from "vitest";
import { outboundMessageId, replyHtml, replyReferences, replySubject } from "@/lib/email/reply";

describe("a reply's subject", () => {
  it.each([
    ["Solar panels", "Re: Solar panels"],
    ["Re: Solar panels", "Re: Solar panels"],
    ["RE: re:Solar panels", "Re: Solar panels"],
    ["AW: Re[2]: Angebot", "Re: Angebot"],
    ["SV: Tilbud", "Re: Tilbud"],
    ["Regarding the roof", "Re: Regarding the roof"],
    ["  ", "Re:"],
  ])("%j is answered as %j", (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });
});

describe("a reply's threading headers", () => {
  it("References are the answered email's chain and then its Message-ID, without repeats", () => {
    expect(replyReferences(["a@x", "b@x"], "c@x")).toEqual(["a@x", "b@x", "c@x"]);
    expect(replyReferences(["a@x", "c@x"], "c@x")).toEqual(["a@x", "c@x"]);
    expect(replyReferences([], null)).toEqual([]);
  });

  it("a long chain keeps its root and the newest ids", () => {
    const chain = Array.from({ length: 30 }, (_, i) => `${i}@x`);
    const kept = replyReferences(chain, "new@x");
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe("0@x");
    expect(kept.at(-1)).toBe("new@x");
  });

  it("Kiln's Message-ID is stable per message and in the mailbox's domain", () => {
    const id = "6f1c2e1a-0000-4000-8000-000000000001";
    expect(outboundMessageId(id, "sales@acme.example")).toBe(`kiln.${id}@acme.example`);
    expect(outboundMessageId(id, "sales@acme.example")).toBe(outboundMessageId(id, "sales@acme.example"));
  });
});

describe("a reply's HTML alternative", () => {
  it("escapes what was typed and keeps its paragraphs and line breaks", () => {
    const html = replyHtml('Hi <b>"you"</b> & co\nline two\n\nnext');
    expect(html).toContain("<p>Hi &lt;b&gt;&quot;you&quot;&lt;/b&gt; &amp; co<br>line two</p>\n<p>next</p>");
    expect(html).not.toContain("<b>");
  });
});
