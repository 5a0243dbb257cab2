import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName, HeatLevel } from "@/lib/scoring/types";
import { NOT_RANGE } from "./need-cues";
import { heWord, re } from "./rx";
import { negatedAt } from "./scope";

/**
 * Ready to buy now: the lead asks for the contract, wants to sign, order or pay the deposit, or
 * accepts the offer. Negated forms ("not ready to sign yet") are checked by the caller.
 */
const BUY_NOW = re(
  String.raw`\b(?:send|email|mail|forward)\b[^.?!]{0,25}\b(?:the |your )?(?:contract|agreement|order form|invoice for the deposit|paperwork to sign|purchase order)\b|\bwhere (?:do|can|should) (?:i|we) sign\b|\bwo (?:soll|kann|muss) ich unterschreiben\b|\b(?:ready|want|wants|happy|like|'d like|would like|going) to (?:sign|order|buy|purchase|go ahead|proceed|place (?:the|an|our) order|pay the deposit|move forward)\b|\blet'?s (?:sign|go ahead|do it|proceed|move forward|get (?:it|this) (?:done|started))\b|\b(?:we|i) (?:accept|approve) (?:the|your) (?:offer|quote|proposal)\b|\b(?:the )?(?:offer|quote|proposal) is (?:accepted|approved)\b|\bgo ahead with (?:the|your) (?:offer|quote|proposal|installation|order)\b|\b(?:pay|transfer|wire) the (?:deposit|down ?payment|first instalment)\b|\bplace (?:the|an|our) order\b|\bwe have a deal\b` +
    String.raw`|\b(?:schicken|senden|mailen)\s+sie\b[^.?!]{0,30}\b(?:den |die )?(?:vertrag|auftragsbestätigung|bestellformular|rechnung für die anzahlung)\b|\b(?:vertrag|auftragsbestätigung)\b[^.?!]{0,30}\b(?:schicken|senden|zustellen|unterschreiben)\b|\b(?:wir|ich) (?:möchten|möchte|wollen|will|würden gerne|würde gerne)\s+(?:\p{L}+\s+){0,3}(?:unterschreiben|bestellen|beauftragen|zusagen|den auftrag erteilen|auftrag geben)\b|\b(?:wir|ich) (?:nehmen|nehme) (?:das|ihr|euer|die) (?:angebot|offerte)\b|\b(?:auftrag|zuschlag) (?:erteilt|erteilen|geben)\b|\b(?:wir|ich) (?:erteilen|erteile|geben|gebe) (?:ihnen|euch|dir) (?:den )?(?:auftrag|zuschlag)\b|\b(?:anzahlung|akonto)\b[^.?!]{0,30}\b(?:überweisen|zahlen|bezahlen|leisten)\b|\b(?:überweisen|zahlen) (?:wir|ich)\b[^.?!]{0,20}\b(?:anzahlung|akonto)\b|\blos geht'?s\b|\bwir machen das\b|\bder auftrag ist (?:ihrer|ihrer|euer|dein)\b` +
    `|${heWord(["לחתום", "נחתום", "אחתום", "חותמים", "חותם"], false)}|${heWord(["שלחו", "תשלחו", "שלח", "תשלח", "תשלחי"], false)}[^.?!]{0,25}${heWord(["חוזה", "הסכם", "טופס הזמנה"])}|${heWord(["מקדמה", "המקדמה"])}|${heWord(["סוגרים", "נסגור", "בואו נסגור"], false)}\\s+(?:${heWord(["איתכם", "אתכם"], false)}|את\\s+${heWord(["העסקה", "ההזמנה"], false)})|${heWord(["מאשר", "מאשרת", "מאשרים", "אישרנו"], false)}\\s+(?:את\\s+)?${heWord(["הצעת המחיר", "ההצעה", "ההזמנה"])}|${heWord(["רוצה", "רוצים", "מעוניין", "מעוניינת", "מעוניינים"], false)}\\s+${heWord(["להזמין", "לרכוש", "לקנות", "להתקדם", "לסגור", "לחתום"], false)}|${heWord(["יאללה"], false)}\\s+${heWord(["מתקדמים", "סוגרים", "נתקדם", "נסגור"], false)}`,
);

/** A concrete next step: a site visit, a demo, a call at a time, a written quote or offer. */
const NEXT_STEP = re(
  String.raw`\b(?:site visit|visit|inspection|survey|walk-?through|on-?site|come (?:by|over|out|round)|drop by|look at (?:the|our|my)|demo|demonstration|trial|call|meeting|appointment|consultation|quote|quotation|proposal|estimate|pricing sheet)\b` +
    // "offer" as a noun ("send your offer"), not the verb ("what do you offer") nor the range ("on offer")
    String.raw`|(?<!(?:^|[^\p{L}])(?:you|u|we|they|also|even|still|to|on|special|introductory)\s)\boffer\b` +
    String.raw`|\b(?:besichtigung|vor-?ort|vorbeikommen|vorbeischauen|termin\w*|demo|vorführung|testzugang|beratung\w*|gespräch|rückruf|anruf|${NOT_RANGE}angebot\w*|offerte\w*|kostenvoranschlag|voranschlag|kva)\b` +
    `|${heWord(["ביקור", "פגישה", "פגישת", "שיחה", "שיחת", "הדגמה", "דמו", "הצעת מחיר", "הצעה", "הערכת מחיר", "סיור", "מדידה", "לתאם", "נתאם", "לקבוע", "נקבע", "שיבוא", "שתבואו", "תבואו", "לבוא"])}|\\bdemo\\b`,
);

const WANTS = re(
  String.raw`\b(?:can|could|would|will|please|pls|plz|need|want|like|'d like|looking for|request|requesting|send|book|schedule|arrange|set up|come|let'?s|when|interested in)\b` +
    String.raw`|\b(?:können|könnten|bitte|gerne|gern|brauchen|benötigen|möchten|möchte|hätten|schicken|senden|vereinbaren|ausmachen|wann|interessiert)\b` +
    `|${heWord(["אפשר", "אשמח", "נשמח", "תשלחו", "שלחו", "רוצה", "רוצים", "צריך", "צריכים", "מתי", "בואו", "נא", "מבקש", "מבקשת", "מבקשים", "מעוניין", "מעוניינת", "מעוניינים", "לתאם", "לקבוע"], false)}`,
);

/** True when a phrase is present in the text and not negated where it stands. */
function affirmed(rx: RegExp, text: string): boolean {
  const m = rx.exec(text);
  return m !== null && !negatedAt(text, m.index);
}

/** The lead says they are ready to buy now (and does not negate it): the contract, signing, the deposit. */
export const readyToBuy = (text: string): boolean => affirmed(BUY_NOW, text);

/**
 * The temperature one message suggests on its own, by the labels' definitions (the scoring engine
 * still decides the lead's level from all evidence):
 * - cold: no buying intent, a disqualified dimension, an opt-out or a refusal;
 * - warm: interest with little qualification (a question, a signal, a hedge);
 * - hot: a need with a concrete next step (a visit, a demo, a call, a quote), or a well-qualified lead;
 * - burning: ready to buy now (the contract, signing, ordering, the deposit).
 * It reads only the extracted evidence, the intent and these phrases in the lead's own words; an
 * instruction to the assistant was cut out before (lib/ai/extract/injection.ts), so words the lead
 * asks us to apply ("mark me as burning") never count.
 */
export function suggestHeat(input: {
  text: string;
  intent: Intent;
  bant: Record<BantDimensionName, BantFinding | null>;
}): HeatLevel {
  const { text, intent, bant } = input;
  const status = (d: BantDimensionName) => bant[d]?.status ?? "unknown";
  const findings = Object.values(bant).filter((f): f is BantFinding => f !== null);
  const confirmed = findings.filter((f) => f.status === "confirmed").length;
  const anySignal = findings.some((f) => f.status === "confirmed" || f.status === "partial");
  const disqualified = findings.some((f) => f.status === "disqualified");

  if (intent === "unsubscribe" || intent === "not_interested" || disqualified) return "cold";
  if (readyToBuy(text)) return "burning";
  if (intent === "objection") return anySignal ? "warm" : "cold";
  const nextStep = intent === "meeting_request" || (affirmed(NEXT_STEP, text) && WANTS.test(text));
  const needKnown = status("need") === "confirmed" || status("need") === "partial";
  if (nextStep && (needKnown || confirmed >= 1 || intent === "meeting_request")) return "hot";
  if (confirmed >= 3) return "hot";
  if (intent === "smalltalk") return "cold";
  if (nextStep || anySignal || intent === "interested" || intent === "question") return "warm";
  return "cold";
}
