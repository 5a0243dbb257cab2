import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName } from "@/lib/scoring/types";
import { readyToBuy } from "./heat";
import { NOT_RANGE } from "./need-cues";
import { heWord, re } from "./rx";

/**
 * The lead's intent, in priority order: unsubscribe > not_interested > meeting_request >
 * objection > question > interested > smalltalk > other. A message that asks to stop is treated
 * as a stop even if it also asks a question.
 */
const UNSUBSCRIBE = re(
  String.raw`^\s*(?:stop|unsubscribe|abmelden|stopp|end|quit|cancel)\s*[.!]*\s*$|\bunsubscribe\b|\bstop (?:texting|messaging|contacting|emailing|calling|sending)\b|\bremove me\b|\btake me off\b|\b(?:don'?t|do not|never) (?:contact|text|message|email|call) (?:me|us)\b|\bno more (?:messages|texts|emails)\b|\bopt[ -]?out\b|\bmelden sie mich ab\b|\bmeld(?:e|et) mich ab\b|\b(?:nicht|nie) mehr (?:kontaktieren|anschreiben|anrufen|schreiben)\b|\bkeine (?:weiteren |weitere )?(?:nachrichten|sms|e-?mails|anrufe)\b|\baustragen\b|\babbestellen\b|\bnicht mehr (?:anschreiben|kontaktieren|anrufen)\b` +
    String.raw`|\b(?:take|get) (?:me|my (?:number|name|email|details)) off\b|\boff (?:your|the) (?:mailing |contact )?list\b|\b(?:aus|von) (?:ihrem|eurem|dem|der|ihrer) (?:verteiler|liste|mailingliste|newsletter)\b|\blöschen sie meine (?:adresse|daten|nummer|e-?mail)\b|\bwiderspreche\b[^.?!]{0,60}\b(?:werbe\w*|werbung|daten)\b|\b(?:kei|keine) (?:sms|nachrichte|mails?) (?:meh|mehr)\b` +
    `|^\\s*(?:הסר|הסרה|להסיר|הסירו|עצור)\\s*[.!]*\\s*$|${heWord(["הסירו אותי", "תסירו אותי", "להסיר אותי", "הסר אותי", "תפסיקו לשלוח", "תפסיקו לפנות", "תפסיקו להתקשר", "אל תפנו", "אל תתקשרו", "אל תשלחו", "מהרשימה", "מרשימת התפוצה", "מהרשימת תפוצה", "תורידו אותי", "הורידו אותי", "להוריד אותי"], false)}`,
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
    `|${heWord(["לקבוע פגישה", "לתאם פגישה", "נקבע פגישה", "נתאם פגישה", "לתאם שיחה", "לקבוע שיחה", "לתאם ביקור", "לקבוע ביקור", "לתאם הדגמה", "לקבוע הדגמה", "מתי נוח", "מתי אפשר לדבר", "אפשר לדבר", "אפשר להיפגש", "תתקשרו אליי", "תתקשרו אלי", "תחזרו אליי", "תחזרו אלי", "שיחזרו אליי", "שתבואו לראות", "שמישהו יבוא", "רק תבואו", "צריך מישהו"], false)}` +
    String.raw`|\b(?:bitte|bitten|wünschen|hätten gerne?|möchten|möchte|würden gerne?|würde gerne?)\b[^.?!]{0,40}\b(?:rückruf|termin|demo|call|kick-?off|besichtigung|vorführung|beratungsgespräch)\w*\b|\b(?:können|könnten) wir uns\b[^.?!]{0,40}\btreffen\b|\bchönd? (?:ihr|mir|sie|mer)\b[^.?!]{0,50}\b(?:demo|termin|aaruef|telefon)\w*\b|\bruaf(?:ts|t|en sie)? (?:mi|mich|uns)\b|\b(?:can|could) (?:we|i) (?:interview|meet|see) (?:someone|you)\b` +
    `|${heWord(["אפשר", "נשמח", "אשמח", "רוצה", "רוצים", "מבקש", "מבקשת", "לתאם", "לקבוע", "נתאם", "שאתאם", "שנקבע"], false)}\\s+(?:\\S+\\s+)?${heWord(["פגישה", "פגישת", "הדגמה", "להדגמה", "לפגישה", "לפגישת", "דמו", "demo", "שיחה", "לשיחה", "שיחת", "ביקור", "סקר", "מדידה"])}` +
    `|${heWord(["תוכלו", "תוכל", "יכול", "יכולים", "אפשר", "מתי אפשר", "מי יכול"], false)}\\s+${heWord(["לבוא", "להגיע", "לקפוץ"], false)}|${heWord(["יש לכם"], false)}\\s+(?:${heWord(["דמו", "הדגמה"], false)}|demo)\\s*\\?|${heWord(["מתי אפשר"], false)}\\s*\\?\\s*$`,
);
const OBJECTION = re(
  String.raw`\btoo (?:expensive|pricey|costly|high|long|much|complicated|risky)\b|\bzu (?:teuer|hoch|lang|kompliziert|riskant)\b|\b(?:why should|how can) (?:i|we) trust\b|\bbad experiences?\b|\bschlechte erfahrungen?\b|\bcompetitor\b|\bkonkurrenz\b|\bno budget\b|\bkein budget\b|\b(?:maybe|vielleicht)\s+(?:next year|nächstes jahr|later|später)\b|\bnot (?:now|right now|yet|this year)\b|\bnicht (?:jetzt|dieses jahr)\b|\bpayback\b|\bamortisation\w*\b[^.?!]{0,20}\bzu\b|\bdon'?t (?:think|believe)\b[^.?!]{0,30}\b(?:worth|work|pay off)\b|\b(?:skeptical|sceptical|skeptisch)\b|\btoo (?:much|pricey) for us\b|\bzu teuer\b|\bhäch\b` +
    `|${heWord(["יקר מדי", "יקר לנו", "יקר מאוד", "מחיר גבוה", "לא בטוח שזה משתלם", "לא בטוחים", "חוויה רעה", "ניסיון רע", "כל כך יקר", "להרשות לעצמי", "לעמוד בזה"], false)}` +
    String.raw`|\bmixed (?:things|reviews)\b|\bwhy would (?:yours|you|this|it) be (?:any )?different\b|\bnobody used it\b`,
);
/** Pushing back on our price (an objection even from a lead whose need is clear): "30% higher than the other quotes". */
const PRICE_PUSHBACK = re(
  String.raw`\b(?:higher|more expensive|pricier|dearer) than (?:the )?(?:other|others|competitors?|expected|we expected)\b|\bmore than (?:we |i )?expected\b|\bmehr als erwartet\b|\bteurer als\b|\bgeht (?:da )?(?:noch )?was am preis\b|\bany flexibility\b` +
    `|${heWord(["יותר ממה שחשבתי", "יותר ממה שציפיתי", "המתחרים הציעו", "אם תגיעו ל", "אם תורידו"], false)}`,
);
const QUESTION_START = re(
  String.raw`^(?:who|what|how|when|where|why|which|do you|does|did|can you|could you|can your|is it|are you|is there|are there|will you|wer|was|wie|wann|wo|warum|welche\w*|gibt es|haben sie|bieten sie|arbeiten sie|können sie|kann man|geht das|ist es|sind sie|machen sie|händ ihr|hend ihr|chönd ihr|chönnt ihr|gits)\b` +
    `|^${heWord(["האם", "כמה", "מה", "מתי", "איך", "איפה", "למה", "יש לכם", "אתם עושים", "אפשר לקבל"], false)}`,
);
const INTERESTED = re(
  String.raw`\binterested\b|\binteressiert\b|\bsounds (?:great|good|interesting)\b|\bklingt (?:gut|interessant|spannend)\b|\b(?:send|schick\w*)\b[^.?!]{0,30}\b(?:info\w*|brochure|details|unterlagen|prospekt|offer|angebot|quote)\b|\b(?:would|'d) like an? (?:offer|quote)\b|\bready to go\b|\blet'?s do it\b|\blegen wir los\b|\bgerne\b|\bgärn\b` +
    `|${heWord(["מעוניין", "מעוניינת", "מעוניינים", "אשמח", "נשמח", "נשמע טוב", "נשמע מעניין", "מעניין אותי", "שלחו לי", "תשלחו לי", "הצעת מחיר", "פרטים נוספים", "אחלה הצעה", "הצעה מעולה"], false)}|${heWord(["תשלחו", "שלחו", "תשלח", "שלח", "תשלחי"], false)}\\s+(?:\\S+\\s+)?${heWord(["הצעה", "הצעת", "חשבונית", "מצגת", "חוזה", "קטלוג", "פרטים"])}`,
);
const SMALLTALK = re(
  String.raw`^(?:(?:hi|hello|hey|hallo|good (?:morning|afternoon|evening)|guten (?:morgen|tag|abend)|grüezi|moin|haha|lol|thanks?|thank you|danke|vielen dank|merci|cheers)\b[\s,!.:)]*)+(?:[^?]{0,80})?$`,
);
const SMALLTALK_ONLY = re(
  String.raw`\b(?:have a (?:great|nice|good) (?:day|weekend|evening)|hope you (?:had|have)|schönes wochenende|schönen tag|thanks for (?:getting back|your reply|the quick)|danke für die (?:schnelle )?antwort|likewise|ebenso|you too|happy (?:thanksgiving|holidays|new year|easter|christmas)|merry christmas|frohe (?:weihnachten|ostern|festtage)|alles gute|ich hoffe,? sie (?:sind|hatten|haben)|hope you(?:'re| are) (?:well|back)|endlich geschneit)\b` +
    `|^${heWord(["היי", "הי", "שלום", "בוקר טוב", "ערב טוב", "תודה", "תודה רבה", "סבבה", "אחלה", "שבת שלום", "חג שמח", "שבוע טוב"], false)}[\\s,!.:)]*$|${heWord(["חג שמח", "שנה טובה", "תודה על העזרה", "היה כיף לעבוד", "איזה משחק"], false)}`,
);

/** No timeline because the project is off, not merely undated: "on hold indefinitely", "not planned". */
const TIMELINE_REFUSAL = re(
  String.raw`\bon hold\b|\b(?:not|nothing) planned\b|\bnot going to (?:do|happen)\b|\bnicht (?:vor \d{4} )?(?:vorgesehen|geplant)\b|\bauf eis gelegt\b|\bsteht\b[^.?!]{0,40}\bnicht an\b` +
    `|${heWord(["לא מתוכנן", "לא מתכננים", "לא מתכננת", "לא מתכנן", "לא יעלה", "אין על מה לדבר", "לא יקרה"], false)}`,
);
/** A question that asks us to do something (send a quote, the order form, set it up): interest, not a question. */
const REQUEST_OFFER = re(
  String.raw`\b(?:send|share|give|email|mail|forward|quote|provide)\b[^.?!]{0,40}\b(?:quote|quotation|price|prices|pricing|offer|proposal|estimate|order form|contract|brochure|deck|something|details|info|information)\b|\bcan (?:you|u) (?:quote|set (?:it|this) up)\b|\bquote (?:for|on) (?:this|that|it)\b|\b(?:start|get|sign up for) (?:a |the )?(?:free )?trial\b` +
    String.raw`|\b(?:schick\w*|send\w*|mailen|mach\w*|erstell\w*)\b[^.?!]{0,40}\b(?:angebot|offerte|preis|kostenvoranschlag|unterlagen|broschüre|prospekt|vertrag|auftragsbestätigung)\w*\b|\b(?:${NOT_RANGE}angebot|offerte|kostenvoranschlag|vertrag|auftragsbestätigung)\w*\b[^.?!]{0,50}\b(?:schick\w*|send\w*|mach\w*|erstell\w*)\b` +
    `|${heWord(["תשלחו", "שלחו", "תשלח", "אפשר לקבל", "אפשר", "תוכלו לשלוח", "תוכל לשלוח"], false)}\\s+(?:\\S+\\s+)?${heWord(["הצעה", "הצעת", "מחירון", "פרטים", "תיק עבודות"])}`,
);
/** Asking without a question mark: "I'd like to know whether", "wollte nur fragen, ob", "רציתי לשאול". */
const ASKS = re(
  String.raw`\b(?:i'?d like to know|i (?:wanted|want) to (?:ask|know)|just (?:wanted to )?ask(?:ing)?|quick question|(?:asked me to|wanted to) find out|(?:just )?gathering info\w*|wollte (?:ich )?(?:nur |mal )?fragen|ich (?:soll|sollte) (?:mal )?fragen|möchte (?:gerne? )?wissen|söll frage)\b` +
    `|${heWord(["רציתי לשאול", "רציתי לדעת", "רק שאלה", "רק רציתי לשאול", "רציתי רק לשאול", "רק רציתי לדעת", "לדעת אם", "שאלה קטנה", "רק מברר", "רק מבררת"], false)}`,
);

export type IntentInput = {
  text: string;
  bant: Record<BantDimensionName, BantFinding | null>;
};

export function classifyIntent({ text, bant }: IntentInput): { intent: Intent; confidence: number } {
  const t = text.trim();
  if (UNSUBSCRIBE.test(t)) return { intent: "unsubscribe", confidence: 0.95 };
  const status = (d: BantDimensionName) => bant[d]?.status ?? "unknown";
  const asks = /\?/.test(t) || ASKS.test(t) || QUESTION_START.test(t.split(/(?<=[.!?])\s+/)[0] ?? t);
  // Only a refusal or no need at all is "not interested"; a need denied while asking ("we won't buy,
  // but could we interview someone?") is read for what it asks.
  if (NOT_INTERESTED.test(t) || (status("need") === "disqualified" && !asks))
    return { intent: "not_interested", confidence: 0.85 };
  if (MEETING.test(t)) return { intent: "meeting_request", confidence: 0.85 };
  // Ready to buy is interest whatever it asks ("Can you send the contract?", "Where do I sign?")
  if (readyToBuy(t)) return { intent: "interested", confidence: 0.85 };
  if (status("need") === "disqualified") return { intent: "question", confidence: 0.6 };
  const positives = Object.values(bant).filter((f) => f && f.status === "confirmed").length;
  // No timeline at all is an answer about timing, not a refusal; no money is an objection to the deal.
  if (status("timeline") === "disqualified")
    return { intent: TIMELINE_REFUSAL.test(t) ? "not_interested" : "other", confidence: 0.6 };
  if (status("budget") === "disqualified")
    return asks ? { intent: "question", confidence: 0.65 } : { intent: "objection", confidence: 0.75 };
  if (OBJECTION.test(t) && positives === 0) return { intent: "objection", confidence: 0.7 };
  if (PRICE_PUSHBACK.test(t) && status("budget") !== "confirmed") return { intent: "objection", confidence: 0.7 };
  if (bant.budget?.status === "partial" && /objection|No budget yet/.test(bant.budget.value ?? "") && positives === 0) {
    return { intent: "objection", confidence: 0.65 };
  }
  // A question is a question, also from a qualified lead, unless it asks us for a quote, an offer or the paperwork.
  if (asks && !REQUEST_OFFER.test(t)) return { intent: "question", confidence: 0.75 };
  const urgent = bant.timeline?.value === "ASAP";
  if (
    bant.need?.status === "confirmed" ||
    bant.need?.status === "partial" ||
    urgent ||
    INTERESTED.test(t) ||
    REQUEST_OFFER.test(t)
  )
    return { intent: "interested", confidence: 0.7 };
  if (positives >= 2) return { intent: "interested", confidence: 0.6 };
  if ((SMALLTALK.test(t) || SMALLTALK_ONLY.test(t)) && positives === 0) return { intent: "smalltalk", confidence: 0.7 };
  return { intent: "other", confidence: 0.5 };
}
