/**
 * Opt-out keywords: a message that is nothing but STOP (or its German and Hebrew words) opts
 * the lead out of the channel it came on. The whole message, ignoring case, spaces and
 * trailing punctuation — "please stop calling me" is a conversation, not an opt-out.
 */

/** Each keyword with the language its confirmation is written in. */
const OPT_OUT: Record<string, "en" | "de" | "he"> = {
  stop: "en",
  unsubscribe: "en",
  stopp: "de",
  abmelden: "de",
  הסר: "he",
};

const normalize = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s.!?。,;:"'״׳]+/gu, "");

/** The confirmation's language when the message is an opt-out keyword; null otherwise. */
export function optOutKeyword(text: string): "en" | "de" | "he" | null {
  if (text.length > 40) return null;
  return OPT_OUT[normalize(text)] ?? null;
}
