import { describe, expect, it } from "vitest";
import { ownWords } from "@/lib/email/parse";
import { normalizedSignature, replyHtml, signedText } from "@/lib/email/reply";
import { mergePreferences } from "@/lib/preferences/derived";
import {
  DEFAULT_APP_PREFERENCES,
  EMAIL_SIGNATURE_MAX_LENGTH,
  appPreferencesSchema,
  preferencesPatchSchema,
} from "@/lib/preferences/schema";

const SIGNATURE = "Dana Levi\nSales, Acme Solar <dana@acme.example>\n+41 44 000 00 00";

describe("the sender's signature below a reply by email", () => {
  it("goes below the text after the '-- ' line mail programs recognise", () => {
    expect(signedText("Thanks, an offer follows.\n", SIGNATURE)).toBe(`Thanks, an offer follows.\n\n-- \n${SIGNATURE}`);
  });

  it("no signature leaves the text as it was", () => {
    expect(signedText("Thanks.", "")).toBe("Thanks.");
    expect(signedText("Thanks.", "  \n ")).toBe("Thanks.");
    expect(signedText("Thanks.", null)).toBe("Thanks.");
  });

  it("is normalised: one kind of line ending, no blank edges, no second separator the person typed", () => {
    expect(normalizedSignature("\r\n-- \r\nDana\r\nAcme\r\n\r\n")).toBe("Dana\nAcme");
    expect(normalizedSignature("--\nDana")).toBe("Dana");
    // A dash inside the signature is the person's.
    expect(normalizedSignature("Dana -- Acme")).toBe("Dana -- Acme");
  });

  it("in the HTML part is escaped and set apart below the text, line breaks kept", () => {
    const html = replyHtml("Hello <Miriam> & team,\n\nan offer follows.", SIGNATURE);
    expect(html).toContain("<p>Hello &lt;Miriam&gt; &amp; team,</p>");
    expect(html).toContain(
      '<div class="signature" style="color: #555">-- <br>Dana Levi<br>Sales, Acme Solar &lt;dana@acme.example&gt;<br>+41 44 000 00 00</div>',
    );
    expect(html).not.toContain("<dana@acme.example>");
    expect(html.indexOf("an offer follows.")).toBeLessThan(html.indexOf('class="signature"'));
  });

  it("a signature trying to be HTML stays text", () => {
    const html = replyHtml("Hi", '<img src="https://evil.example/p.gif" onerror="alert(1)"><script>x</script>');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain("&lt;img src=&quot;https://evil.example/p.gif&quot;");
  });

  it("without a signature the HTML part has no signature block", () => {
    expect(replyHtml("Hi", "")).not.toContain("signature");
    expect(replyHtml("Hi")).toBe(replyHtml("Hi", null));
  });

  it("a lead answering above our signed reply: ingest keeps only their words, not our signature", () => {
    const quoted = signedText("Can we visit on Friday?", SIGNATURE)
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n");
    const answer = `Sounds good, Friday works.\n\nOn Fri, 4 Dec 2026 at 10:00, Acme Solar <sales@acme.example> wrote:\n${quoted}`;
    expect(ownWords(answer)).toBe("Sounds good, Friday works.");
    // Without quote marks too: everything below "-- " is a signature.
    expect(ownWords(`Sounds good.\n\n-- \n${SIGNATURE}`)).toBe("Sounds good.");
  });
});

describe("the email signature preference", () => {
  it("defaults to none, and a patch sets it without touching the other integration defaults", () => {
    expect(DEFAULT_APP_PREFERENCES.integrations.emailSignature).toBe("");
    const patch = preferencesPatchSchema.parse({ integrations: { emailSignature: `  ${SIGNATURE}\n` } });
    const next = mergePreferences(DEFAULT_APP_PREFERENCES, patch);
    expect(next.integrations.emailSignature).toBe(SIGNATURE);
    expect(next.integrations.whatsapp).toEqual(DEFAULT_APP_PREFERENCES.integrations.whatsapp);
    // Patching something else keeps it.
    expect(
      mergePreferences(next, { integrations: { whatsapp: { preferredNumberId: null } } }).integrations,
    ).toMatchObject({ emailSignature: SIGNATURE });
  });

  it(`holds at most ${EMAIL_SIGNATURE_MAX_LENGTH} characters`, () => {
    const fits = "x".repeat(EMAIL_SIGNATURE_MAX_LENGTH);
    expect(preferencesPatchSchema.safeParse({ integrations: { emailSignature: fits } }).success).toBe(true);
    const tooLong = preferencesPatchSchema.safeParse({ integrations: { emailSignature: `${fits}x` } });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error!.issues[0]).toMatchObject({ code: "too_big", path: ["integrations", "emailSignature"] });
    expect(preferencesPatchSchema.safeParse({ integrations: { emailSignature: 42 } }).success).toBe(false);
  });

  it("a stored document from before the field reads with no signature", () => {
    const stored = appPreferencesSchema.parse({ integrations: { whatsapp: { preferredNumberId: null } } });
    expect(stored.integrations.emailSignature).toBe("");
  });
});
