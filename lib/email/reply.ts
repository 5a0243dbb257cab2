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

/** The HTML alternative of a reply typed as text: escaped, line breaks kept, nothing else. */
export function replyHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  const paragraphs = escaped
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${p.replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
  return `<!doctype html>\n<html><body style="font-family: sans-serif">\n${paragraphs}\n</body></html>`;
}
