import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName } from "@/lib/scoring/types";
import { heWord, re } from "./rx";

/**
 * The lead's intent, in priority order: unsubscribe > not_interested > meeting_request >
 * objection > question > interested > smalltalk > other. A message that asks to stop is treated
 * as a stop even if it also asks a question.
 */
const UNSUBSCRIBE = re(
  String.raw`^\s*(?:stop|unsubscribe|abmelden|stopp|end|quit|cancel)\s*[.!]*\s*$|\bunsubscribe\b|\bstop (?:texting|messaging|contacting|emailing|calling|sending)\b|\bremove me\b|\btake me off\b|\b(?:don'?t|do not|never) (?:contact|text|message|email|call) (?:me|us)\b|\bno more (?:messages|texts|emails)\b|\bopt[ -]?out\b|\bmelden sie mich ab\b|\bmeld(?:e|et) mich ab\b|\b(?:nicht|nie) mehr (?:kontaktieren|anschreiben|anrufen|schreiben)\b|\bkeine (?:weiteren |weitere )?(?:nachrichten|sms|e-?mails|anrufe)\b|\baustragen\b|\babbestellen\b|\bnicht mehr (?:anschreiben|kontaktieren|anrufen)\b` +
    `|^\\s*(?:הסר|הסרה|להסיר|הסירו|עצור)\\s*[.!]*\\s*$|${heWord(["הסירו אותי", "תסירו אותי", "להסיר אותי", "הסר אותי", "תפסיקו לשלוח", "תפסיקו לפנות", "תפסיקו להתקשר", "אל תפנו", "אל תתקשרו", "אל תשלחו", "מהרשימה", "מרשימת התפוצה"], false)}`,
);
const NOT_INTERESTED = re(
  String.raw`\bnot (?:really )?interested\b|\bno,? thanks?\b|\bno thank you\b|\bkein interesse\b|\bnein,? danke\b|\bnicht interessiert\b|\bnot (?:relevant|for us) (?:anymore|any more|right now)?\b|\b(?:we'?ve|we have|we) decided (?:not to|against)\b|\bkein bedarf\b|\bnicht mehr (?:relevant|aktuell|nötig)\b|\b(?:haben|hat) (?:uns|sich) (?:dagegen|anders) entschieden\b|\bkäs isch gässe\b` +
    `|${heWord(["לא מעוניין", "לא מעוניינת", "לא מעוניינים", "לא רלוונטי", "כבר לא רלוונטי", "החלטנו לא", "החלטנו שלא", "לא תודה", "ירדנו מזה", "ירדנו מהעניין"], false)}`,
);
const MEETING_WORDS = String.raw`(?:call|phone|talk|speak|chat|meet|meeting|demo|appointment|visit|come by|come over|drop by|consultation|calendar|calendly|slot|times?|termin\w*|telefon\w*|anrufen|rufen|gespräch|beratung\w*|treffen|vorbeikommen|vorbeischauen|besuch\w*|kalender)`;
const MEETING = re(
  String.raw`\b(?:can|could|shall|should|may)\s+(?:we|you|i)\b[^.?!]{0,40}\b${MEETING_WORDS}\b|\blet'?s\s+(?:meet|talk|chat|schedule|set up|book|have a call)\b|\b(?:i'?d|i would|we'?d|we would)\s+(?:love|like)\s+to\s+(?:book|schedule|set up|have|meet|talk|see)\b|\bbook (?:a|an) (?:call|demo|meeting|appointment|slot)\b|\bschedule (?:a|an) (?:call|demo|meeting)\b|\bwhat times\b|\bwhen can (?:you|we)\b|\b(?:send|schick\w*)\b[^.?!]{0,30}\b(?:calendar|calendly|booking|kalender)?\s*link\b|\b(?:können|könnten)\s+(?:wir|sie)\b[^.?!]{0,40}\b${MEETING_WORDS}\b|\brufen sie mich\b|\btermin (?:vereinbaren|ausmachen|machen)\b|\bwann können sie\b|\bgerne (?:ein|einen) (?:beratungsgespräch|termin|anruf|gespräch)\b|\b(?:wann|wie) (?:hätten|haben) sie zeit\b|\brufen sie (?:mich|uns) (?:bitte )?(?:an|zurück)\b|\bcall me (?:back|on|at|tomorrow|today|this)\b|\bgive me a (?:call|ring)\b` +
    String.raw`|\b(?:come|pop|drop|stop) (?:and|by|over|out|round|in)\b[^.?!]{0,40}\b(?:measure|look|see|quote|check|survey|assess)\b|\b(?:measure up|take a look|have a look)\b[^.?!]{0,30}\?|\bpropose (?:a |two |three |some |a few )?(?:slots?|times?|dates?|appointments?)\b|\bbook (?:me|us) in\b|\b(?:would|'d) like (?:a|an|to book a|to arrange a) (?:valuation|survey|site visit|visit|consultation|demo|appointment|call|viewing|inspection|trial session|free trial)\b|\b(?:arrange|organi[sz]e|set up) (?:a|an) (?:demo|call|meeting|visit|viewing|consultation|appointment)\b` +
    String.raw`|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|montag|dienstag|mittwoch|donnerstag|freitag|samstag|morgen)\b[^.?!]{0,30}\b(?:is fine|works|suits|is good|is perfect|passt|geht (?:mir|uns)|isch guet)\b|\b(?:machen|fixieren|nehmen) wir (?:den |das )?(?:\p{L}+-)?(?:termin|telefonat|gespräch|demo)\w*\b|\bchönd? (?:ihr|mir|sie|mer)\b[^.?!]{0,50}\b(?:verbicho|vorbicho|cho|telefoniere|aalüte|alüte|luege|verbiicho)\b|\b(?:vorbeikommen|vorbeischauen|ausmessen|anschauen|besichtigen)\b[^.?!]{0,20}\?|\b(?:termin|besichtigung|beratungstermin|vor-ort-termin) (?:vereinbaren|ausmachen|abmachen)\b` +
    `|${heWord(["לקבוע פגישה", "לתאם פגישה", "נקבע פגישה", "נתאם פגישה", "לתאם שיחה", "לקבוע שיחה", "לתאם ביקור", "לקבוע ביקור", "לתאם הדגמה", "לקבוע הדגמה", "מתי נוח", "מתי אפשר לדבר", "אפשר לדבר", "אפשר להיפגש", "תתקשרו אליי", "תתקשרו אלי", "תחזרו אליי", "תחזרו אלי", "שיחזרו אליי", "שתבואו לראות", "שמישהו יבוא"], false)}`,
);
const OBJECTION = re(
  String.raw`\btoo (?:expensive|pricey|costly|high|long|much|complicated|risky)\b|\bzu (?:teuer|hoch|lang|kompliziert|riskant)\b|\b(?:why should|how can) (?:i|we) trust\b|\bbad experiences?\b|\bschlechte erfahrungen?\b|\bcompetitor\b|\bkonkurrenz\b|\bno budget\b|\bkein budget\b|\b(?:maybe|vielleicht)\s+(?:next year|nächstes jahr|later|später)\b|\bnot (?:now|right now|yet|this year)\b|\bnicht (?:jetzt|dieses jahr)\b|\bpayback\b|\bamortisation\w*\b[^.?!]{0,20}\bzu\b|\bdon'?t (?:think|believe)\b[^.?!]{0,30}\b(?:worth|work|pay off)\b|\b(?:skeptical|sceptical|skeptisch)\b|\btoo (?:much|pricey) for us\b|\bzu teuer\b|\bhäch\b` +
    `|${heWord(["יקר מדי", "יקר לנו", "יקר מאוד", "מחיר גבוה", "לא בטוח שזה משתלם", "לא בטוחים", "חוויה רעה", "ניסיון רע"], false)}`,
);
const QUESTION_START = re(
  String.raw`^(?:who|what|how|when|where|why|which|do you|does|did|can you|could you|can your|is it|are you|is there|are there|will you|wer|was|wie|wann|wo|warum|welche\w*|gibt es|haben sie|bieten sie|arbeiten sie|können sie|kann man|geht das|ist es|sind sie|machen sie|händ ihr|hend ihr|chönd ihr|chönnt ihr|gits)\b` +
    `|^${heWord(["האם", "כמה", "מה", "מתי", "איך", "איפה", "למה", "יש לכם", "אתם עושים", "אפשר לקבל"], false)}`,
);
const INTERESTED = re(
  String.raw`\binterested\b|\binteressiert\b|\bsounds (?:great|good|interesting)\b|\bklingt (?:gut|interessant|spannend)\b|\b(?:send|schick\w*)\b[^.?!]{0,30}\b(?:info\w*|brochure|details|unterlagen|prospekt|offer|angebot|quote)\b|\b(?:would|'d) like an? (?:offer|quote)\b|\bready to go\b|\blet'?s do it\b|\blegen wir los\b|\bgerne\b|\bgärn\b` +
    `|${heWord(["מעוניין", "מעוניינת", "מעוניינים", "אשמח", "נשמח", "נשמע טוב", "נשמע מעניין", "מעניין אותי", "שלחו לי", "תשלחו לי", "הצעת מחיר", "פרטים נוספים"], false)}`,
);
const SMALLTALK = re(
  String.raw`^(?:(?:hi|hello|hey|hallo|good (?:morning|afternoon|evening)|guten (?:morgen|tag|abend)|grüezi|moin|haha|lol|ok|okay|thanks?|thank you|danke|vielen dank|merci|cheers)\b[\s,!.:)]*)+(?:[^?]{0,80})?$`,
);
const SMALLTALK_ONLY = re(
  String.raw`\b(?:have a (?:great|nice|good) (?:day|weekend|evening)|hope you (?:had|have)|schönes wochenende|schönen tag|thanks for (?:getting back|your reply|the quick)|danke für die (?:schnelle )?antwort|likewise|ebenso|you too)\b` +
    `|^${heWord(["היי", "הי", "שלום", "בוקר טוב", "ערב טוב", "תודה", "תודה רבה", "סבבה", "אחלה", "שבת שלום", "חג שמח", "שבוע טוב"], false)}[\\s,!.:)]*$`,
);

export type IntentInput = {
  text: string;
  bant: Record<BantDimensionName, BantFinding | null>;
};

export function classifyIntent({ text, bant }: IntentInput): { intent: Intent; confidence: number } {
  const t = text.trim();
  if (UNSUBSCRIBE.test(t)) return { intent: "unsubscribe", confidence: 0.95 };
  const disqualified = (["budget", "need", "timeline"] as const).some((d) => bant[d]?.status === "disqualified");
  if (NOT_INTERESTED.test(t) || disqualified) return { intent: "not_interested", confidence: 0.85 };
  if (MEETING.test(t)) return { intent: "meeting_request", confidence: 0.85 };
  const positives = Object.values(bant).filter((f) => f && f.status === "confirmed").length;
  if (OBJECTION.test(t) && positives === 0) return { intent: "objection", confidence: 0.7 };
  if (bant.budget?.status === "partial" && /objection|No budget yet/.test(bant.budget.value ?? "") && positives === 0) {
    return { intent: "objection", confidence: 0.65 };
  }
  const firstSentence = t.split(/(?<=[.!?])\s+/)[0] ?? t;
  if (/\?/.test(t) || QUESTION_START.test(firstSentence)) {
    if (!(bant.need?.status === "confirmed" && !/\?/.test(firstSentence)))
      return { intent: "question", confidence: 0.75 };
  }
  const urgent = bant.timeline?.value === "ASAP";
  if (bant.need?.status === "confirmed" || bant.need?.status === "partial" || urgent || INTERESTED.test(t))
    return { intent: "interested", confidence: 0.7 };
  if (positives >= 2) return { intent: "interested", confidence: 0.6 };
  if ((SMALLTALK.test(t) || SMALLTALK_ONLY.test(t)) && positives === 0) return { intent: "smalltalk", confidence: 0.7 };
  return { intent: "other", confidence: 0.5 };
}
