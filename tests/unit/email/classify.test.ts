import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyEmail, isOutOfOfficeSubject, type ClassifyInput } from "@/lib/email/classify";
import { deliveryKey, messageIds, ownWords, parseInboundEmail } from "@/lib/email/parse";
import { signEmailDelivery, verifyEmailDelivery } from "@/lib/email/signature";

const base: ClassifyInput = {
  headers: {},
  fromAddress: "miriam@example.org",
  subject: "Solar panels",
  contentType: "text/plain",
  reportType: null,
  deliveryStatus: null,
  text: "Hello",
};
const classify = (input: Partial<ClassifyInput>) => classifyEmail({ ...base, ...input });
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../fixtures/email", name));

describe("auto-reply and bounce classification", () => {
  it("a plain message from a person counts as a reply", () => {
    expect(classify({})).toMatchObject({ autoReply: false, bounce: false, countsAsReply: true });
  });

  it.each([
    [{ "auto-submitted": "auto-replied" }],
    [{ "auto-submitted": "auto-generated; owner-email=x@example.org" }],
    [{ precedence: "bulk" }],
    [{ precedence: "Junk" }],
    [{ precedence: "list" }],
    [{ precedence: "auto_reply" }],
    [{ "x-autoreply": "yes" }],
    [{ "x-autorespond": "" }],
  ])("headers %j mark an automatic reply that does not count", (headers) => {
    expect(classify({ headers })).toMatchObject({ autoReply: true, bounce: false, countsAsReply: false });
  });

  it('"Auto-Submitted: no" and a normal precedence are a person writing', () => {
    expect(classify({ headers: { "auto-submitted": "no", precedence: "first-class" } })).toMatchObject({
      autoReply: false,
      countsAsReply: true,
    });
  });

  it.each([
    "Automatic reply: Solar panels",
    "Auto-Reply: Offer",
    "Out of Office: back on Monday",
    "RE: Out of the office",
    "AW: Abwesenheitsnotiz: Angebot",
    "Automatische Antwort: Offerte",
    "מענה אוטומטי: הצעת מחיר",
  ])("the subject %j is an out-of-office", (subject) => {
    expect(isOutOfOfficeSubject(subject)).toBe(true);
    expect(classify({ subject }).countsAsReply).toBe(false);
  });

  it.each(["Re: Solar panels", "Automation of our warehouse", "Office building in Zug"])(
    "the subject %j is not",
    (subject) => {
      expect(isOutOfOfficeSubject(subject)).toBe(false);
    },
  );

  it("a delivery status report with 5.1.1 is a hard bounce naming the final recipient", () => {
    const result = classify({
      contentType: "multipart/report",
      reportType: "delivery-status",
      deliveryStatus:
        "Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; Gone@Example.org\nOriginal-Recipient: rfc822;other@example.org\nAction: failed\nStatus: 5.1.1\n",
    });
    expect(result).toEqual({
      autoReply: false,
      bounce: true,
      bounceStatus: "5.1.1",
      hardBounce: true,
      bouncedRecipients: ["gone@example.org"],
      countsAsReply: false,
    });
  });

  it("a delayed delivery (4.x.x) is a bounce but not a hard one", () => {
    const result = classify({
      contentType: "multipart/report",
      reportType: "delivery-status",
      deliveryStatus: "Final-Recipient: rfc822; slow@example.org\nAction: delayed\nStatus: 4.4.7\n",
    });
    expect(result).toMatchObject({ bounce: true, bounceStatus: "4.4.7", hardBounce: false });
  });

  it("a mailer-daemon sender without a report is a bounce, its status read from the text", () => {
    const result = classify({
      fromAddress: "MAILER-DAEMON@mx.example.net",
      text: "host said: 550 5.7.1 Message rejected",
    });
    expect(result).toMatchObject({ bounce: true, bounceStatus: "5.7.1", hardBounce: true, countsAsReply: false });
  });
});

describe("reading raw messages", () => {
  it("quoted history and the signature are cut from the lead's own words", () => {
    expect(
      ownWords("Before March, please.\n\nOn Thu, 3 Dec 2026, Miriam wrote:\n> we have CHF 60'000\n\n-- \nMiriam\nCFO"),
    ).toBe("Before March, please.");
    expect(ownWords("Budget is 20k.\n-- \nJürg Müller\nCEO")).toBe("Budget is 20k.");
  });

  it("Message-ID lists are read with and without angle brackets", () => {
    expect(messageIds("<a@b> <c@d>")).toEqual(["a@b", "c@d"]);
    expect(messageIds("no-brackets@example.pt")).toEqual(["no-brackets@example.pt"]);
    expect(messageIds(["<a@b>", "<c@d>"])).toEqual(["a@b", "c@d"]);
  });

  it("a delivery is keyed by organization and Message-ID, or by a hash of its bytes", () => {
    const raw = Buffer.from("Subject: x\r\n\r\nhi");
    expect(deliveryKey("org", raw, "a@b")).toBe("org:a@b");
    expect(deliveryKey("org", raw, null)).toMatch(/^org:sha256:[0-9a-f]{64}$/);
  });

  it("multipart/alternative: text, HTML, threading ids and the display name", async () => {
    const email = await parseInboundEmail(fixture("multipart-alternative.eml"));
    expect(email.messageId).toBe("first.7f3a@mail.example.org");
    expect(email.from).toEqual({ address: "miriam.keller@example.org", name: "Miriam Keller" });
    expect(email.to).toEqual([{ address: "sales@acme.example", name: "Acme Sales" }]);
    expect(email.subject).toBe("Solar panels for our office in Zug");
    expect(email.text).toContain("CHF 60'000 set aside");
    expect(email.html).toContain("tracker.example.net");
    expect(ownWords(email.text)).not.toContain("CFO");
    expect(email.classification.countsAsReply).toBe(true);
  });

  it("ISO-8859-1 and windows-1252 bodies and encoded words are decoded", async () => {
    const latin = await parseInboundEmail(fixture("iso-8859-1.eml"));
    expect(latin.from?.name).toBe("Jürg Müller");
    expect(latin.subject).toBe("Offerte für Wärmepumpe");
    expect(latin.text).toContain("Wärmepumpe für unser Haus in Zürich");
    const cp1252 = await parseInboundEmail(fixture("windows-1252.eml"));
    expect(cp1252.text).toContain("“about €18.000” for the project – is that enough?");
  });

  it("an HTML-only message gets a text body; malformed headers leave what cannot be read empty", async () => {
    const html = await parseInboundEmail(fixture("html-only.eml"));
    expect(html.html).toContain("<script>");
    expect(html.text).toContain("home batteries");
    const broken = await parseInboundEmail(fixture("malformed-headers.eml"));
    expect(broken.from?.address).toBe("pedro.alves@example.pt");
    expect(broken.messageId).toBe("no-brackets-0001@example.pt");
    expect(broken.date).toBeNull();
    expect(broken.text).toContain("Please call me");
  });

  it("the out-of-office and the DSN fixtures are recognised", async () => {
    const ooo = await parseInboundEmail(fixture("out-of-office.eml"));
    expect(ooo.classification).toMatchObject({ autoReply: true, countsAsReply: false });
    const dsn = await parseInboundEmail(fixture("bounce-dsn.eml"));
    expect(dsn.classification).toMatchObject({
      bounce: true,
      hardBounce: true,
      bounceStatus: "5.1.1",
      bouncedRecipients: ["gone.lead@example.org"],
    });
    expect(dsn.files).toEqual([]);
  });

  it("a reply's own words leave out the quoted message; its threading ids are read", async () => {
    const email = await parseInboundEmail(fixture("reply.eml"));
    expect(email.inReplyTo).toBe("first.7f3a@mail.example.org");
    expect(email.references).toEqual(["first.7f3a@mail.example.org"]);
    expect(ownWords(email.text)).toBe("One more thing: we would like the installation before the end of March.");
  });

  it("an attachment is kept with its name, type and bytes", async () => {
    const email = await parseInboundEmail(fixture("attachment.eml"));
    expect(email.files).toHaveLength(1);
    expect(email.files[0]).toMatchObject({ fileName: "floor plan.pdf", contentType: "application/pdf" });
    expect(email.files[0]!.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(email.cc.map((a) => a.address)).toEqual(["anna@brunner-holz.example"]);
  });
});

describe("delivery signatures", () => {
  const body = Buffer.from("Subject: hi\r\n\r\nhello");
  const now = 1_800_000_000;

  it("accepts its own signature within five minutes and refuses it after", () => {
    const signature = signEmailDelivery("s3cret", now, body);
    expect(verifyEmailDelivery("s3cret", { signature, timestamp: String(now) }, body, now + 299)).toBe("ok");
    expect(verifyEmailDelivery("s3cret", { signature, timestamp: String(now) }, body, now + 301)).toBe("stale");
    expect(verifyEmailDelivery("s3cret", { signature, timestamp: String(now) }, body, now - 301)).toBe("stale");
  });

  it("refuses another secret, a changed body or timestamp, and a missing header", () => {
    const signature = signEmailDelivery("s3cret", now, body);
    expect(verifyEmailDelivery("other", { signature, timestamp: String(now) }, body, now)).toBe("invalid");
    expect(verifyEmailDelivery("s3cret", { signature, timestamp: String(now + 1) }, body, now)).toBe("invalid");
    expect(verifyEmailDelivery("s3cret", { signature, timestamp: String(now) }, Buffer.from("x"), now)).toBe("invalid");
    expect(verifyEmailDelivery("s3cret", { signature: null, timestamp: String(now) }, body, now)).toBe("missing");
    expect(verifyEmailDelivery("s3cret", { signature: "v1=zz", timestamp: String(now) }, body, now)).toBe("invalid");
  });

  it("accepts any of several signatures (a rotation in progress)", () => {
    const signature = `${signEmailDelivery("old", now, body)}, ${signEmailDelivery("s3cret", now, body)}`;
    expect(verifyEmailDelivery("s3cret", { signature, timestamp: String(now) }, body, now)).toBe("ok");
  });
});
