import type { BantFinding } from "@/lib/ai/types";
import { finding, strongest } from "./finding";
import {
  CANCEL,
  CAPABILITY,
  COMMIT,
  DEFERRED,
  EMPTY_OBJECT,
  EMPTY_VERB_LAST,
  HE_OTHER_SUBJECT,
  HEDGED,
  INTEREST,
  NO_MONEY_FOR,
  NO_NEED,
  NO_NEED_DE,
  NOT_PLANNED,
  OPT_OUT,
  OTHER_SUBJECT,
  PLANNED,
  PRICE,
  PROBLEM,
  PROJECT,
  QUOTE_FOLLOW_UP,
  REQUIRE,
  SOFT,
  SPEC,
  SWITCH_TO_US,
} from "./need-cues";
import { heWord, re, splitClauses } from "./rx";
import { aboutSomeoneElse, asksAbout, hypothetical, negatedAt } from "./scope";
import { leadTurns } from "./speaker";

/**
 * Need (the definitions):
 * - confirmed: a concrete problem or requirement ("the boiler gave up", "double bookings", "we
 *   need 6 wallboxes", a price question with sizes, a commitment to buy, a follow-up on our quote);
 * - partial: general interest or exploring ("looking into options", "send a brochure", a price
 *   feeler without specs, "do you also …?", a hedged or someone else's need);
 * - disqualified: no need (opt-out, not interested, decided against it, bought elsewhere, moving
 *   out, won't buy); a "not now" with a request for information stays partial;
 * - unknown (null): nothing about their situation.
 * Works from general language in en/de/he (cue lexicons in `need-cues.ts`); the agent's product
 * words only widen what a bare mention counts as.
 */
export type NeedContext = {
  /** Product words from the agent's business prompt ("solar", "heat pumps", "CRM"). */
  productWords: string[];
};

/** What Hebrew money is "for": not the whole project, "this", or a period ("לשנה", "לחודש"). */
const HE_OBJECT = String.raw`(?!(?:כל\s+)?(?:ה)?(?:פרויקט|פרוייקט|זה|זאת|הכל|שנה|חודש|חודשים|שנים|יום|תשלום|לחודש|לשנה)(?![\p{L}]))[^.?!,;]{3,60}`;
/** A bill, a refund or money already paid names no need: "חשבונית על סך 3,480 ₪ על הניקיון של אוקטובר". */
const HE_BILLING = re(
  heWord(
    ["חשבונית", "קבלה", "חיוב", "חויבתי", "חייבו", "זיכוי", "החזר כספי", "שילם", "שילמה", "שילמו", "שילמתי", "שילמנו"],
    false,
  ),
);

/** Money set aside for something names the need: "€45,000 for a rooftop system", "für die PV-Anlage … budgetiert". */
const EARMARKED = re(
  String.raw`\b(?:budget\w*|approved|set aside|put aside|allocated|reserved|available|loan|financing|finance|grant|funding|pay|eingeplant|vorgesehen|reserviert|bewilligt|freigegeben|zur seite gelegt|uf de siite|kredit|förderung|bundesförderung|finanzierung|zuschuss)\b[^.?!]{0,40}?(?<!waiting\s|warten\s)\b(?:for|für)\s+((?!this\b|that\b|it\b|das\b|dies\w*\b|so etwas\b|so ein\w* \p{L}+\b|now\b|\d)[^.?!,;]{3,80})` +
    String.raw`|(?:אלף|אלפ|אש"ח|₪|ש"ח|שקל)\p{L}*\s+(?:(?:מיועדים|מיועד|מיועדת|מוקצים|מוקצה|שמורים|שמור|בצד|לשים)\s+)?(?:בשביל|עבור|על|ל(?=\p{L}))\s*(${HE_OBJECT})` +
    String.raw`|(?:תקציב|הלוואה|משכנתא|מימון|מענק|כסף)\p{L}*\s+(?:[\p{L}"]+\s+){0,3}?(?:בשביל|עבור)\s+(${HE_OBJECT})` +
    String.raw`|\d(?:k|\s?(?:chf|eur|euros?|€|\$|£|franken|stutz|dollars?|grand|₪|ש"ח|שקל\p{L}*))\s+(?:(?:max|maximum|tops|total|or so|im jahr|pro jahr|a year|per year)\s+)?(?:for|für|ל|עבור)\s*((?!this\b|that\b|it\b|das\b|dies\w*\b)[^.?!,;]{3,60})` +
    String.raw`|\b(?:für|for)\s+((?!this\b|that\b|it\b|das\b|dies\w*\b|so ein\w* \p{L}+\b)(?:die|den|das|d|s|unsere?n?|eine?n?|a|an|the|our)\s+[^.?!,;:]{3,60}?)\s+(?:haben wir|händ mir|stehen|steht|ist|sind|wären|wäre|liegt|liegen|have we|we have|we'?ve)\b[^?!]{0,40}(?:\p{L}*budget\w*|chf|eur|€|\$|£|franken|fr\.|euro|millionen|mio|grand|\d+k)`,
);

/** Asking for a price without a question mark: "ich soll nach einem Preis fragen", "Richtpreis", "wie teuer". */
const PRICE_REQUEST_DE = re(
  String.raw`\b(?:was kosten|was choschtet|was chostet|wie teuer|wieviel|wie viel|nach (?:einem|dem|ihrem|eurem) preis|preisauskunft|richtpreis|kostenschätzung)\b`,
);

const APPOINTMENT = re(String.raw`\b(?:termin|treffen|anruf|rückruf|gespräch|besichtigung|meeting|call)\w*`);

/** Cleans a desire's object into a short value: "a heat pump for the house, asap" → "heat pump for the house". */
function cleanObject(raw: string): string {
  return raw
    .replace(/\s*[.,;!?:(].*$/u, "")
    .replace(/^(?:a|an|the|some|eine?n?|einem|einer|der|die|das|e|es|en|d|s)\s+/iu, "")
    .trim();
}

function mentionsProduct(clause: string, context: NeedContext | undefined): boolean {
  const lower = clause.toLowerCase();
  return (context?.productWords ?? []).some((w) => w.length >= 4 && lower.includes(w));
}

type Read = { result: BantFinding; soft: boolean; info: boolean };

/** One clause's reading, or null when it says nothing about the need. */
function readClause(
  c: string,
  text: string,
  at: (i: number) => number,
  specs: boolean,
  context?: NeedContext,
): Read | null {
  const read = (status: BantFinding["status"], value: string, index: number, confidence: number, extra = {}) => ({
    result: finding(status, value, text, at(index), confidence),
    soft: false,
    info: false,
    ...extra,
  });
  let m: RegExpExecArray | null;
  if ((m = OPT_OUT.exec(c))) return read("disqualified", "Opted out", m.index, 0.95);
  // Cancelling what they have is no need; cancelling a current provider to come to us is one
  if ((m = CANCEL.exec(c)))
    return SWITCH_TO_US.test(text)
      ? read(HEDGED.test(c) ? "partial" : "confirmed", "Switching from the current provider", m.index, 0.75)
      : read("disqualified", "Cancelling", m.index, 0.85);
  if ((m = NO_NEED.exec(c) ?? NO_NEED_DE.exec(c)))
    return read("disqualified", "No need", m.index, 0.9, { soft: SOFT.test(c) });

  const someoneElse = aboutSomeoneElse(c);
  const question = asksAbout(c);
  // A condition or wish still names the need ("if we had 40k we'd redo the facade"), less surely.
  const certainty = hypothetical(c) ? 0.1 : 0;
  // A hedge next to the cue ("we'll probably need", "brauchen vielleicht") doubts the need itself.
  const concrete = (value: string, index: number, confidence: number) =>
    someoneElse ||
    HEDGED.test(c.slice(0, index + 25)) ||
    OTHER_SUBJECT.test(c.slice(index)) ||
    HE_OTHER_SUBJECT.test(c.slice(0, index))
      ? read("partial", value, index, 0.65)
      : read("confirmed", value, index, confidence - certainty);

  if ((m = COMMIT.exec(c)) && !negatedAt(c, m.index)) return concrete(cleanObject(c) || "Ready to buy", m.index, 0.85);

  if ((m = REQUIRE.exec(c)) && !negatedAt(c, m.index)) {
    const object = (m.slice(1).find((g) => g !== undefined) ?? "").trim();
    const askedOfUs = question && /\b(?:you|ihr|sie|euch|אתם|אתה|את)\b/iu.test(c.slice(0, m.index));
    if (object.length >= 3 && !EMPTY_OBJECT.test(object) && !EMPTY_VERB_LAST.test(c) && !askedOfUs) {
      return concrete(cleanObject(object) || object, m.index, 0.85);
    }
  }
  if ((m = PROBLEM.exec(c)) && !negatedAt(c, m.index) && !someoneElse)
    return read("confirmed", "Problem described", m.index, 0.8 - certainty);
  if ((m = PROJECT.exec(c)) && NOT_PLANNED.test(c)) return read("disqualified", "Not planned", m.index, 0.75);
  // A named project with a plan or obligation ("die Umstellung … ist für Q3 geplant"), unless negated or only explored
  const planned = PLANNED.exec(c);
  if (
    (m = PROJECT.exec(c)) &&
    planned &&
    !/\b(?:nicht|nöd|nid|kein\w*|kei)\b/iu.test(c.slice(0, planned.index + 20)) &&
    !INTEREST.test(c) &&
    !question
  )
    return concrete(cleanObject(m[1] ?? "") || "Project planned", m.index, 0.75);
  // "kein Geld für eine neue Küche": the thing is wanted but not affordable now
  if ((m = NO_MONEY_FOR.exec(c))) {
    const object = cleanObject(m.slice(1).find(Boolean) ?? "");
    if (object.length >= 3) return read("partial", object, m.index, 0.65);
  }
  const ownMoney =
    !question ||
    /\b(?:we|our|i|my|wir|unser\w*|ich|mir|mer)\b|(?<!\p{L})(?:לנו|לי|אנחנו|אני|שלנו|שלי)(?!\p{L})/iu.test(c);
  if ((m = EARMARKED.exec(c)) && !negatedAt(c, m.index) && ownMoney && !HE_BILLING.test(c)) {
    const object = cleanObject(m.slice(1).find(Boolean) ?? "");
    if (object.length >= 3) return concrete(object, m.index, 0.75);
  }
  if ((m = QUOTE_FOLLOW_UP.exec(c))) return read("confirmed", "Follow-up on the quote", m.index, 0.75);
  if ((m = PRICE.exec(c)) && specs && !someoneElse) return concrete("Quote for stated specs", m.index, 0.75);

  if ((m = INTEREST.exec(c))) return read("partial", "Exploring options", m.index, 0.65, { info: true });
  if ((m = CAPABILITY.exec(c))) return read("partial", "Asking what we offer", m.index, 0.6, { info: true });
  if ((m = PRICE.exec(c)) && (question || /\b(?:how much|was kostet|כמה)\b/iu.test(c) || PRICE_REQUEST_DE.test(c)))
    return read("partial", "Asking about price", m.index, 0.6, { info: true });
  // "den Termin verschieben" moves a meeting, not the need
  if ((m = DEFERRED.exec(c)) && !APPOINTMENT.test(c)) return read("partial", "Not now", m.index, 0.55);
  if (mentionsProduct(c, context)) return read("partial", "Mentions a product", 0, 0.55);
  return null;
}

export function extractNeed(text: string, context?: NeedContext): BantFinding | null {
  const reads: Read[] = [];
  const lead = leadTurns(text);
  // Sizes anywhere in the message make a price request concrete ("142 users … please quote").
  const specs = SPEC.test(lead) && !INTEREST.test(lead);
  for (const clause of splitClauses(lead)) {
    const r = readClause(clause.text, text, (i) => clause.start + i, specs, context);
    if (r) reads.push(r);
  }
  const disqualified = reads.filter((r) => r.result.status === "disqualified");
  const rest = reads.filter((r) => r.result.status !== "disqualified");
  if (disqualified.length) {
    // "Not interested at the moment, but send the newsletter": a "not now" with a request for
    // information is still an interest; any other refusal decides.
    const hard = disqualified.filter((r) => !r.soft);
    const info = rest.filter((r) => r.info);
    if (!hard.length && info.length) return { ...strongest(info.map((r) => r.result))!, status: "partial" };
    return strongest(disqualified.map((r) => r.result));
  }
  const confirmed = strongest(rest.filter((r) => r.result.status === "confirmed").map((r) => r.result));
  return confirmed ?? strongest(rest.map((r) => r.result));
}
