import { re } from "./extract/rx";
import { detectLanguage, type Lang } from "./extract/text";
import type { DraftMeeting, DraftRequest } from "./types";

/**
 * What the offline assistant reads around the message before writing a templated reply: the
 * lead's meetings, whether the lead asks for news or to move a meeting, the questions asked, and
 * which sentences of the organization's business prompt answer them. Pure and deterministic.
 */

export type MeetingContext = {
  /** The soonest booked meeting still to come. */
  next: DraftMeeting | null;
  /** The latest meeting not to come: held, canceled, missed, or past and not marked. */
  last: DraftMeeting | null;
};

export function meetingContext(request: DraftRequest): MeetingContext {
  const now = Date.parse(request.now);
  const at = (m: DraftMeeting) => Date.parse(m.startsAt);
  const meetings = request.meetings ?? [];
  const upcoming = meetings
    .filter((m) => (m.status === "scheduled" || m.status === "rescheduled") && at(m) >= now)
    .sort((a, b) => at(a) - at(b));
  const next = upcoming[0] ?? null;
  const last = meetings.filter((m) => !upcoming.includes(m)).sort((a, b) => at(b) - at(a))[0] ?? null;
  return { next, last };
}

const FOLLOW_UP = re(
  [
    String.raw`\bany\s+(?:news|updates?|progress)\b|\b(?:news|update)\s+on\s+(?:this|that|my|our|the)\b|\bstatus\s+(?:update|of)\b`,
    String.raw`\bwhat'?s\s+the\s+status\b|\bwhere\s+(?:are|do)\s+we\s+stand\b|\bheard\s+anything\b|\bfollowing\s+up\b|\bchecking\s+in\b`,
    String.raw`\b(?:gibt\s+es|schon)\s+(?:schon\s+)?(?:etwas|was)\s+neues\b|\bneuigkeiten\b|\bwie\s+ist\s+der\s+stand\b`,
    String.raw`\bstand\s+der\s+dinge\b|\bwas\s+ist\s+der\s+stand\b|\bwie\s+sieht\s+es\s+aus\b|\böppis\s+neus\b|\bwie\s+geht\s+es\s+(?:jetzt\s+|nun\s+)?weiter\b`,
    String.raw`\bwhat(?:'s|\s+is|\s+are)\s+the\s+next\s+steps?\b|\bwhat\s+happens\s+(?:now|next)\b`,
    String.raw`יש\s+(?:עדכון|חדש|התקדמות)|מה\s+(?:המצב|הסטטוס|קורה\s+עם)|עדכון\s+לגבי|רציתי\s+לבדוק\s+מה|עדכונים`,
  ].join("|"),
);

const RESCHEDULE = re(
  [
    String.raw`\breschedul\w*|\bpostpone\w*|\bmove\s+(?:the|our|my|it|this)\b|\b(?:another|a\s+different|other)\s+(?:time|day|date|slot)\b`,
    String.raw`\b(?:can't|cannot|can\s+not|won't)\s+make\s+it\b|\bpush\s+(?:it|the\s+\w+)\s+back\b`,
    String.raw`\bverschieben\b|\bverlegen\b|\banderen?\s+(?:termin|tag|zeitpunkt)\b|\bandere\s+zeit\b|\banderes\s+datum\b`,
    String.raw`\bschaffe\s+es\s+nicht\b|\b(?:klappt|passt)\s+(?:es\s+)?(?:mir\s+|uns\s+)?(?:leider\s+)?nicht\b|\bverschiebe\b`,
    String.raw`לדחות|להזיז|לשנות\s+את\s+(?:המועד|הפגישה|השעה)|מועד\s+אחר|יום\s+אחר|שעה\s+אחרת|לא\s+(?:אוכל|נוכל)\s+להגיע|לא\s+מסתדר`,
  ].join("|"),
);

const MEETING_NOUN = re(
  String.raw`\b(?:meeting|visit|appointment|call|demo|booking|termin|besichtigung|treffen|gespräch|telefonat)\b|פגישה|ביקור|שיחה`,
);
/** Asking whether it stands or asking to set one up: the booking or the link answers that alone. */
const SETTLES_ALONE = re(
  [
    String.raw`\bstill\s+(?:on|good|happening|confirmed)\b|\b(?:set\s+up|book|schedule|arrange)\s+(?:a|an|the)?\s*(?:call|meeting|visit|demo|time)\b`,
    String.raw`\b(?:talk|speak|chat)\b|\bsteht\s+(?:der|unser|de)\s+\w+\s+noch\b|\bno(?:ch)?\s+aktuell\b|\b(?:telefonieren|sprechen|vereinbaren|abmachen)\b`,
    String.raw`בתוקף|לקבוע|לתאם|לדבר|עדיין\s+(?:קבוע|קבועה|מתקיים|מתקיימת)`,
  ].join("|"),
);
/** Asking when it is or whether it is confirmed: answered by the booking when a meeting is named. */
const WHEN_OR_CONFIRMED = re(
  String.raw`\b(?:when|what\s+time|confirmed|wann|um\s+wie\s+viel\s+uhr|bestätigt)\b|מתי|באיזו\s+שעה|אושר|אושרה`,
);

/**
 * A question the meeting itself answers ("Is the visit still on?", "When is the appointment?",
 * "Can we talk tomorrow?"): the booking recalled or the link offered replies to it. "What should I
 * prepare for the visit?" is not one: it is matched against the business prompt like any question.
 */
export const settledByMeeting = (question: string) =>
  SETTLES_ALONE.test(question) || (MEETING_NOUN.test(question) && WHEN_OR_CONFIRMED.test(question));

/** "Any update on this?", "Gibt es schon etwas Neues?", "יש עדכון?" */
export const asksForUpdate = (text: string) => FOLLOW_UP.test(text);
/** "Can we move it to Thursday?", "Können wir verschieben?", "אפשר להזיז?" */
export const asksToReschedule = (text: string) => RESCHEDULE.test(text);

const INTERROGATIVE = re(
  [
    String.raw`^(?:what|when|where|how|why|who|which|do|does|did|can|could|is|are|will|would|should|have|has)\b`,
    String.raw`^(?:was|wann|wo|wie|warum|wieso|wer|welche[rsnm]?|gibt|haben|habt|können|könnt|bieten|macht|machen|ist|sind|kann)\b`,
    String.raw`^(?:מה|מתי|איפה|איך|למה|מי|האם|כמה|יש\s+לכם|אפשר|אתם)(?![\p{L}])`,
  ].join("|"),
);

/** The question sentences of a message: ending in "?" or opening with a question word. */
export function questionsIn(text: string): string[] {
  return text
    .split(/(?<=[.!?。])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s && (s.includes("?") || INTERROGATIVE.test(s)));
}

/**
 * Topics a question and a business sentence can share without sharing a word: "how much" and
 * "prices start at CHF 9,000" are both about price. `ask` is how a lead raises the topic, `fact`
 * how a business prompt states it (they differ: "how long" is asked, "two weeks" is stated).
 * English, German (with Swiss spellings) and Hebrew (prefix letters allowed before the word).
 */
const HE = (words: string) => String.raw`(?<!\p{L})[ובהלמשכ]{0,3}(?:${words})`;
const PRICE = String.raw`\b(?:prices?|pricing|costs?|quotes?|quoted|fees?|rates?|chf|eur|usd|ils|nis|preis\w*|kosten|kostet|offerte\w*|franken|stutz|tarif\w*)\b|[€$₪]|${HE('מחיר|עלות|עולה|עולים|הצעת\\s+מחיר|שקל|ש"ח')}`;
const TOPICS: Record<string, { ask: RegExp; fact: RegExp }> = {
  price: {
    ask: re(String.raw`${PRICE}|\bhow\s+much\b|\bwie\s*viel\b|${HE("כמה\\s+(?:זה|עולה|יעלה)")}`),
    fact: re(PRICE),
  },
  hours: {
    ask: re(
      String.raw`\b(?:open|opening|hours|closed|weekends?|saturdays?|sundays?|öffnungszeiten|geöffnet|offen|erreichbar|samstags?|sonntags?|wochenende)\b|${HE("שעות|פתוחים|פתוח|סגור|שישי|שבת")}`,
    ),
    fact: re(
      String.raw`\b(?:open|opening|hours|closed|mon(?:day)?|fri(?:day)?|sat(?:urday)?|öffnungszeiten|geöffnet|offen|erreichbar|mo|fr|sa|montag|freitag|samstag|uhr)\b|${HE("שעות|פתוחים|פתוח|סגור|ראשון|חמישי|שישי")}`,
    ),
  },
  place: {
    ask: re(
      String.raw`\b(?:where|address|located|location|area|region|serve|cover|canton|adresse|standort|gebiet|kanton)\b|^wo\b|${HE("איפה|כתובת|אזור|אזורים|מגיעים")}`,
    ),
    fact: re(
      String.raw`\b(?:address|located|based|serve|serving|cover|covers|region|regions|canton|cantons|area|adresse|standort|sitz|gebiet|kanton|kantone|region|regionen)\b|${HE("כתובת|אזור|אזורים|מגיעים|ממוקמים|נמצאים|מרכז|צפון|דרום|שרון|שפלה|כל\\s+הארץ")}`,
    ),
  },
  warranty: {
    ask: re(String.raw`\b(?:warrant\w*|guarantee\w*|garantie\w*|gewährleistung)\b|${HE("אחריות")}`),
    fact: re(String.raw`\b(?:warrant\w*|guarantee\w*|garantie\w*|gewährleistung)\b|${HE("אחריות")}`),
  },
  financing: {
    ask: re(
      String.raw`\b(?:financ\w*|instal?lments?|leasing|loan|monthly|finanzierung\w*|ratenzahlung|raten|kredit)\b|${HE("מימון|תשלומים|הלוואה")}`,
    ),
    fact: re(
      String.raw`\b(?:financ\w*|instal?lments?|leasing|loan|monthly|finanzierung\w*|ratenzahlung|raten|kredit)\b|${HE("מימון|תשלומים|הלוואה")}`,
    ),
  },
  duration: {
    ask: re(
      String.raw`\bhow\s+(?:long|quickly|fast|soon)\b|\blead\s+time\b|\bwie\s+(?:lange|schnell)\b|\bdauert\b|\blieferzeit\b|${HE("כמה\\s+זמן|תוך\\s+כמה")}`,
    ),
    fact: re(
      String.raw`\b(?:weeks?|days|months?|takes?|within|wochen|tagen?|monaten?|dauert|innert|innerhalb)\b|${HE("שבועות|שבוע|ימים|חודשים|לוקח|תוך")}`,
    ),
  },
  subsidy: {
    ask: re(
      String.raw`\b(?:subsid\w*|grants?|incentives?|rebates?|förder\w*|subvention\w*)\b|${HE("סבסוד|מענק|הטבה")}`,
    ),
    fact: re(
      String.raw`\b(?:subsid\w*|grants?|incentives?|rebates?|förder\w*|subvention\w*)\b|${HE("סבסוד|מענק|הטבה")}`,
    ),
  },
};

const STOPWORDS = new Set(
  (
    "about also with from that this what when where which your have does there their they them then than into will would could should " +
    "much many some more like just only very want need know tell please thanks thank hello " +
    "auch eine einer einem einen oder sind wird wäre gibt haben habt ihre ihren unsere unser diese dieser dieses noch schon bitte danke " +
    "können könnt würde kann welche welcher wann wieso warum" +
    " של את עם על גם אם זה זו יש לכם אתם אנחנו שלנו שלכם מה מתי איך האם כמה"
  ).split(" "),
);

/**
 * Content words with light stemming, each as its variants: lower case, long words cut to a stem,
 * Hebrew words also without one or two prefix letters ("ובשרון" → "בשרון", "שרון"). Acronyms
 * count however short ("EV", "PV"); other words need four letters.
 */
function contentWords(text: string): Set<string>[] {
  const out: Set<string>[] = [];
  for (const token of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const raw = token.toLowerCase();
    if (STOPWORDS.has(raw)) continue;
    const acronym = /^\p{Lu}{2,3}$/u.test(token);
    if (raw.length < 4 && !acronym && !/^\d+$/.test(raw)) continue;
    const forms = [raw];
    if (/^\p{Script=Hebrew}/u.test(raw))
      for (let cut = 1; cut <= 2 && /^[ובהלמשכ]/u.test(raw.slice(cut - 1)) && raw.length - cut >= 3; cut++)
        forms.push(raw.slice(cut));
    out.push(new Set(forms.map((w) => (w.length > 6 ? w.slice(0, 6) : w))));
  }
  return out;
}

/** Sentences addressed to the assistant ("Never offer discounts", "Du bist …") are rules, not facts to quote. */
const INSTRUCTION = re(
  String.raw`^(?:you|your\s+(?:job|goal|role|task)|never|always|do\s+not|don't|avoid|make\s+sure|be|answer|reply|respond|ask|offer|try|du|sie\s+sind|ihr\s+seid|antworte\w*|frage\w*|biete\w*|nie|niemals|immer|vermeide\w*|sei|seien|אתה|את|תמיד|לעולם|אל|ענה|ענו|שאל|הצע)\b`,
);

/** The business prompt's factual sentences, one per line item or sentence. */
export function businessSentences(business: string): string[] {
  return business
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^\s*(?:[-*•·]|\d+[.)])\s*/, "").trim())
    .filter((s) => s.length >= 8 && s.length <= 300 && !INSTRUCTION.test(s));
}

/** The question raises a topic a business prompt may answer (price, hours, area, warranty, …). */
export const raisesTopic = (question: string) => Object.values(TOPICS).some((t) => t.ask.test(question));

/** How well `sentence` answers `question`: a shared topic counts 2, a shared content word 1. */
export function answerScore(question: string, sentence: string): number {
  const topics = Object.values(TOPICS).filter((t) => t.ask.test(question) && t.fact.test(sentence)).length;
  const stated = new Set(contentWords(sentence).flatMap((forms) => [...forms]));
  const words = contentWords(question).filter((forms) => [...forms].some((w) => stated.has(w))).length;
  return topics * 2 + words;
}

/** The least overlap that counts as an answer: one shared topic, or two shared content words. */
export const ANSWER_THRESHOLD = 2;

export type Answer = { sentence: string; lang: Lang };
export type Answers = {
  /** Business-prompt sentences that answer a question, best first, without repeats. */
  answers: Answer[];
  /** Questions nothing answered; `price` when one of them asks for a price. */
  unanswered: number;
  price: boolean;
};

/**
 * Matches each question to the business prompt's best sentence by topic and word overlap. A
 * question below the threshold stays unanswered: the reply promises to find out, never guesses.
 */
export function answerQuestions(questions: string[], business: string, max = 2): Answers {
  const sentences = businessSentences(business);
  const answers: Answer[] = [];
  let unanswered = 0;
  let price = false;
  for (const question of questions) {
    let best: { sentence: string; score: number } | null = null;
    for (const sentence of sentences) {
      const score = answerScore(question, sentence);
      if (score >= ANSWER_THRESHOLD && (!best || score > best.score)) best = { sentence, score };
    }
    if (best) {
      if (answers.length < max && !answers.some((a) => a.sentence === best.sentence))
        answers.push({ sentence: best.sentence, lang: detectLanguage(best.sentence, "en") });
    } else {
      unanswered++;
      if (TOPICS.price!.ask.test(question)) price = true;
    }
  }
  return { answers, unanswered, price };
}

/** True when one of our earlier messages already asked exactly this. */
export function askedBefore(history: DraftRequest["history"], question: string): boolean {
  return history.some((turn) => turn.direction === "outbound" && turn.body.includes(question));
}
