/**
 * What makes a reply from Kiln read as a reply in the lead's mail program: the subject with
 * one "Re:", In-Reply-To and References naming the email it answers (RFC 5322 §3.6.4), and a
 * Message-ID of Kiln's own, so the lead's answer threads back into the same conversation.
 * Pure: lib/inbox decides which email is answered, lib/channels/email.ts sends it.
 */

/** "Re:", and what German ("AW:"), Dutch ("Antw:") and Nordic ("SV:", "VS:") mail programs write instead. */
const REPLY_PREFIX = /^\s*(re|aw|antw|sv|vs)\s*(\[\d+\])?\s*:/i;

/** The reply's subject: the answered one with a single "Re:", however many prefixes it had. */
export function replySubject(subject: string): string {
  let bare = subject.trim();
  while (REPLY_PREFIX.test(bare)) bare = bare.replace(REPLY_PREFIX, "").trim();
  // A subject-less email is answered with a bare "Re:", as mail programs do.
  return (bare ? `Re: ${bare}` : "Re:").slice(0, 998);
}

/** References of the reply: the answered email's own chain, then its Message-ID (newest last, no repeats). */
export function replyReferences(references: readonly string[], answeredId: string | null): string[] {
  const chain = [...references, ...(answeredId ? [answeredId] : [])].filter((id, i, all) => all.indexOf(id) === i);
  // Servers cap header length; the first (thread root) and the newest ids are the ones that thread.
  return chain.length > 20 ? [chain[0]!, ...chain.slice(-19)] : chain;
}

/**
 * The Message-ID of an outbound message, without the angle brackets: derived from the message's
 * id, so every retry sends the same one (a resend is the same email to the lead's server), and
 * in the mailbox's domain, so it is ours to give out.
 */
export function outboundMessageId(messageId: string, mailbox: string): string {
  const domain = mailbox.slice(mailbox.lastIndexOf("@") + 1) || "kiln.localhost";
  return `kiln.${messageId}@${domain}`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The sender's signature as it goes below a reply: line endings made one kind, blank edges
 * trimmed, and a "-- " line the person typed themselves dropped, since one is put before it.
 */
export function normalizedSignature(signature: string | null | undefined): string {
  return (signature ?? "")
    .replace(/\r\n?/g, "\n")
    .trim()
    .replace(/^--[ \t]*\n/, "")
    .trim();
}

/**
 * The reply's text with the sender's signature below "-- ", the separator of RFC 3676 §4.3:
 * mail programs grey or fold what follows it, and Kiln's own ingest cuts it from the lead's
 * answer (`ownWords`), so a quoted signature never reads as the lead's words.
 */
export function signedText(text: string, signature: string | null | undefined): string {
  const sig = normalizedSignature(signature);
  return sig ? `${text.trimEnd()}\n\n-- \n${sig}` : text;
}

/** The HTML alternative of a reply typed as text: escaped, line breaks kept, the signature set apart below it. */
export function replyHtml(text: string, signature?: string | null): string {
  const paragraphs = escape(text)
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${p.replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
  const sig = normalizedSignature(signature);
  const footer = sig
    ? `\n<div class="signature" style="color: #555">-- <br>${escape(sig).replace(/\n/g, "<br>")}</div>`
    : "";
  return `<!doctype html>\n<html><body style="font-family: sans-serif">\n${paragraphs}${footer}\n</body></html>`;
}
