import { re } from "./rx";

/**
 * Call transcripts carry both sides ("Agent: Do you have a budget in mind? Caller: …"): only the
 * lead's turns are evidence about the lead. The agent's turns are blanked with spaces of the same
 * length, so offsets (quotes) still point into the original text.
 */
const AGENT_TURN = re(
  String.raw`(?<![\p{L}])(?:agent|sales|rep|operator|advisor|adviser|mitarbeiter(?:in)?|berater(?:in)?|verkäufer(?:in)?|verkauf|נציג(?:ה)?|סוכן|סוכנת)\s*:[^]*?(?=(?<![\p{L}])(?:caller|customer|client|lead|prospect|kunde|kundin|anrufer(?:in)?|interessent(?:in)?|לקוח(?:ה)?|מתקשר(?:ת)?|פונה)\s*:|$)`,
  "g",
);

export function leadTurns(text: string): string {
  return text.replace(AGENT_TURN, (turn) => " ".repeat(turn.length));
}
