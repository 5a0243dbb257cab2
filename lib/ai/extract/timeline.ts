import * as chrono from "chrono-node";
import type { BantFinding } from "@/lib/ai/types";
import { finding, strongest } from "./finding";
import { hebrewDate } from "./dates-he";
import { heWord, re, splitClauses } from "./rx";
import { NO_NEED, NO_NEED_DE } from "./need-cues";
import { negatedAt } from "./scope";
import { leadTurns } from "./speaker";
import { countWord } from "./numbers";
import type { Lang } from "./text";

/**
 * Timeline (the definitions): when the project must be done.
 * - confirmed: a day, month, quarter, year end or event to be met ("by end of March" → last day,
 *   "Q3" → 1 July, "bis KW 12", "before Christmas", "לפני פסח"), valued as an ISO date from `now`
 *   when one can be computed;
 * - partial: vague or hedged ("soon", "ASAP", "sometime next year", "hopefully in spring", a bare
 *   season or year, a postponement);
 * - disqualified: no timeline or not in the foreseeable future ("no timeline at all", "on hold
 *   indefinitely", "not before 2029", "bis auf Weiteres");
 * - unknown (null): not addressed. A proposed meeting slot ("call me Tuesday", "next week works"),
 *   past dates, absences and fiscal years are not project timelines.
 */
const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  januar: 1,
  jänner: 1,
  february: 2,
  feb: 2,
  februar: 2,
  feber: 2,
  march: 3,
  mar: 3,
  märz: 3,
  maerz: 3,
  april: 4,
  apr: 4,
  may: 5,
  mai: 5,
  june: 6,
  jun: 6,
  juni: 6,
  july: 7,
  jul: 7,
  juli: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  dezember: 12,
  dez: 12,
};
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const SEASONS: Record<string, number> = {
  spring: 3,
  frühling: 3,
  frühjahr: 3,
  früehlig: 3,
  frühlig: 3,
  früelig: 3,
  summer: 6,
  sommer: 6,
  autumn: 9,
  fall: 9,
  herbst: 9,
  herbscht: 9,
  winter: 12,
};
const SEASON_ALT = Object.keys(SEASONS).join("|");
const ORDINAL_QUARTER: Record<string, number> = {
  first: 1,
  "1st": 1,
  ersten: 1,
  "1.": 1,
  second: 2,
  "2nd": 2,
  zweiten: 2,
  "2.": 2,
  third: 3,
  "3rd": 3,
  dritten: 3,
  "3.": 3,
  fourth: 4,
  "4th": 4,
  vierten: 4,
  "4.": 4,
};

const MEETING = re(
  String.raw`\b(?:call|talk|speak|chat|let'?s meet|meet (?:you|up|us)|meeting with|come by|come over|drop by|visit|site visit|demo|appointment|termin|telefonieren|anrufen|rufen|vorbeikommen|vorbeischauen|treffen|beratungsgespräch|gespräch|zoom|sitzung|besprechung|im meeting|melde mich|melden (?:uns|mich)|meld mi|mälde mi|zurückmelden|rückmeldung)\b`,
);
const ABSENCE = re(
  String.raw`\b(?:holiday|vacation|on leave|out of office|away until|back on|urlaub|ferien|abwesend|zurück am)\b`,
);
const URGENT = re(
  String.raw`\b(?:asap|a\.s\.a\.p|as soon as possible|immediately|right away|straight away|urgently|urgent|without delay|sofort|so schnell wie möglich|schnellstmöglich|schnellstens|dringend|umgehend|eilig|per sofort|baldmöglichst|so rasch wie möglich|so schnell als möglich|so bald als möglich|eilt(?! nicht| nöd)|pressiert(?! nicht| nöd)|pressant|notfall)\b|(?<!לא\s)${heWord(["דחוף", "דחופה", "בדחיפות", "בהקדם", "בהקדם האפשרי", "מהר ככל האפשר", "כמה שיותר מהר", "כמה שיותר מוקדם", "מיד", "מיידי", "בלי לחכות"], false)}`,
);
/** Hebrew requests to talk or visit ("אפשר פגישה ביום שלישי?", "תתקשרו מחר"): their date is not the project's. */
const HE_MEETING = re(
  heWord(
    [
      "פגישה",
      "פגישת",
      "להיפגש",
      "ניפגש",
      "נפגש",
      "לדבר",
      "נדבר",
      "שיחה",
      "שיחת",
      "להתקשר",
      "תתקשרו",
      "תתקשר",
      "תתקשרי",
      "אתקשר",
      "נתקשר",
      "תחזרו",
      "אחזור",
      "נחזור",
      "לחזור",
      "לבוא",
      "תבואו",
      "לבקר",
      "ביקור",
      "סקר",
      "לסקר",
      "למדוד",
      "מדידה",
      "דמו",
      "הדגמה",
      "זום",
      "לתאם",
      "נתאם",
      "לקבוע",
    ],
    false,
  ),
);
/** A need or obligation in the same clause keeps its date ("צריכים צלם ב-24.12"). */
const HE_MUST = re(heWord(["חייב", "חייבת", "חייבים", "לפני", "מוכן", "מוכנה", "גמור"], false));
/** Moving out, emigrating, away or back from abroad: the lead's life, not the project's date. */
const HE_ABSENCE = re(
  heWord(
    [
      "עוברים דירה",
      "עובר דירה",
      "עוברת דירה",
      "מעבר דירה",
      "עוזבים",
      "עוזב",
      "עוזבת",
      "בחופשה",
      'בחו"ל',
      "בחו״ל",
      "במילואים",
      "חוזר מ",
      "חוזרת מ",
      "חוזרים מ",
    ],
    false,
  ),
);
const NOT_BEFORE = re(
  String.raw`\b(?:not before|not until|no earlier than|earliest|at the earliest|nicht vor|frühestens|früeschtens|erst in|erst ab|erst nach|nöd vor|nid vor|ned vor|not for (?:the next|another))\b|${heWord("לא", false)}\s+(?:\p{L}+\s+){0,3}${heWord("לפני", false)}`,
);
const NEGATED_NOW = re(
  String.raw`\b(?:vorher sicher nicht|not anytime soon|not in the foreseeable future|in absehbarer zeit nicht)\b`,
);

const DATE_WORD = re(
  String.raw`\d{1,2}[./]\d{1,2}|\b20\d\d\b|\b(?:\d{1,2}(?:st|nd|rd|th)|days?|weeks?|months?|years?|tomorrow|morgen|übermorgen|tagen?|wochen?|monat\w*|jahr\w*|quarter|quartal|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|${MONTH_ALT})\b`,
);
const NOT_A_DATE = re(String.raw`^(?:now|jetzt|right now|nun|today|heute|tonight|heute abend)$`);
const GREETING = re(String.raw`\bguten morgen\b`);
/** "our budget this year": a fiscal year, not a project date. */
const FISCAL = re(
  String.raw`\b(?:budget|capex|opex|spend|ausgaben)\b[^.?!]{0,40}\b(?:this year|dieses jahr|diesem jahr)\b|\b(?:this year|dieses jahr)'?s? budget\b`,
);

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0));
function addMonths(now: Date, n: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d;
}
const addDays = (now: Date, n: number) => new Date(now.getTime() + n * 86_400_000);

/** The next occurrence of a month (this year unless it has passed). */
function monthYear(now: Date, month: number): number {
  return month < now.getUTCMonth() + 1 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

type DateHit = { date: Date; index: number };

function customDate(c: string, now: Date): DateHit | null {
  const y = now.getUTCFullYear();
  const qNow = Math.floor(now.getUTCMonth() / 3) + 1;
  let m: RegExpExecArray | null;
  const quarterStart = (q: number, year?: number) => {
    const yy = year ?? (q < qNow ? y + 1 : y);
    return utc(yy, (q - 1) * 3 + 1, 1);
  };
  if ((m = re(String.raw`\b(?:next quarter|nächste[nms]? quartal)\b`).exec(c))) {
    const q = qNow === 4 ? 1 : qNow + 1;
    return { date: utc(qNow === 4 ? y + 1 : y, (q - 1) * 3 + 1, 1), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(?:end of (?:the |this )?month|month[- ]end|ende (?:des |dieses )?monats|ende monat|monatsende)\b`,
    ).exec(c))
  )
    return { date: lastDay(y, now.getUTCMonth() + 1), index: m.index };
  if ((m = re(String.raw`\b(?:this quarter|dieses quartal|diesem quartal)\b`).exec(c)))
    return { date: lastDay(y, qNow * 3), index: m.index };
  if ((m = re(String.raw`\bq([1-4])(?:[ /'-]?(20\d\d|\d\d))?\b`).exec(c))) {
    const year = m[2] ? Number(m[2].length === 2 ? `20${m[2]}` : m[2]) : undefined;
    return { date: quarterStart(Number(m[1]), year), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(first|1st|second|2nd|third|3rd|fourth|4th|ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?:quarter|quartal(?:s|es)?)\b`,
    ).exec(c))
  ) {
    return { date: quarterStart(ORDINAL_QUARTER[m[1]!.toLowerCase()]!), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(?:end of (?:the |this )?year|year[- ]end|end of \d{4}|ende (?:des |dieses )?jahres|jahresende|ende jahr|ende \d{4}|this year|dieses jahr|diesem jahr|noch in diesem jahr|heuer)\b`,
    ).exec(c))
  ) {
    const explicit = /(\d{4})/.exec(m[0]);
    return { date: utc(explicit ? Number(explicit[1]) : y, 12, 31), index: m.index };
  }
  if ((m = re(String.raw`\b(early|beginning of|start of|anfang|mid|mitte|late|end of|ende)\s+(20\d\d)\b`).exec(c))) {
    const part = m[1]!.toLowerCase();
    const month = /early|beginning|start|anfang/.test(part) ? 1 : /mid|mitte/.test(part) ? 7 : 12;
    return { date: month === 12 ? utc(Number(m[2]), 12, 31) : utc(Number(m[2]), month, 1), index: m.index };
  }
  // "1 December", "am 11. Dezember", "den 12. Jänner", "December 4": a day in a named month.
  if (
    (m = re(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(${MONTH_ALT})\b(?:\s+(20\d\d))?`).exec(c)) ||
    (m = re(String.raw`\b(?<month>${MONTH_ALT})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[:.]\d)(?:,?\s+(20\d\d))?`).exec(c))
  ) {
    const named = m.groups?.month !== undefined;
    const day = Number(named ? m[2] : m[1]);
    const month = MONTHS[(named ? m[1]! : m[2]!).toLowerCase()]!;
    const year = m[3] ? Number(m[3]) : utc(y, month, day) < utc(y, now.getUTCMonth() + 1, now.getUTCDate()) ? y + 1 : y;
    if (day >= 1 && day <= 31) return { date: utc(year, month, day), index: m.index };
  }
  if ((m = re(String.raw`\b(?:end of|ende)\s+(?:of\s+)?(${MONTH_ALT})\b`).exec(c))) {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    return { date: lastDay(monthYear(now, month), month), index: m.index };
  }
  // "Mai 2027", "Juni 2027": a month of a named year
  if ((m = re(String.raw`\b(${MONTH_ALT})\.?\s+(20\d\d)\b`).exec(c)))
    return { date: utc(Number(m[2]), MONTHS[m[1]!.toLowerCase()]!, 1), index: m.index };
  // "in der zweiten Januarwoche": German compounds a week with its month
  if ((m = re(String.raw`\b(?:(ersten|zweiten|dritten|vierten|letzten|[1-4])\.?\s+)?(${MONTH_ALT})woche\b`).exec(c))) {
    const month = MONTHS[m[2]!.toLowerCase()]!;
    const nth =
      { ersten: 1, zweiten: 2, dritten: 3, vierten: 4, letzten: 4 }[m[1]?.toLowerCase() ?? ""] ?? Number(m[1] ?? 1);
    return { date: utc(monthYear(now, month), month, (nth - 1) * 7 + 1), index: m.index };
  }
  if ((m = re(String.raw`\b(?:übernächste[sn]? jahr\w*|übernächscht\w* johr)\b`).exec(c)))
    return { date: utc(y + 2, 1, 1), index: m.index };
  if (
    (m = re(
      String.raw`\b(?:by|in|im|bis|ab|until|before|vor|from|starting|start|anfang|beginning of|mitte|mid)\s+(?:(?:early|late|ende)\s+)?(${MONTH_ALT})\b(?!\s*\d)`,
    ).exec(c))
  ) {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    return { date: utc(monthYear(now, month), month, 1), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(?:by|in|im|bis|before|vor|this|diesen|dem|zum|den|next|nächsten)\s+(?:the\s+)?(${SEASON_ALT})\b`,
    ).exec(c))
  ) {
    const month = SEASONS[m[1]!.toLowerCase()]!;
    return { date: utc(monthYear(now, month), month, 1), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(?:in|within|innerhalb(?: von)?|in den nächsten|in the next|over the next)\s+(?:the next\s+)?(\d{1,3}|\p{L}+)\s+(days?|weeks?|months?|years?|tagen?|wochen|monaten?|jahren?)\b`,
    ).exec(c))
  ) {
    const n = countWord(m[1]!.toLowerCase());
    if (n !== null) {
      const unit = m[2]!.toLowerCase();
      const date = /^(day|tag)/.test(unit)
        ? addDays(now, n)
        : /^(week|woche)/.test(unit)
          ? addDays(now, n * 7)
          : /^(month|monat)/.test(unit)
            ? addMonths(now, n)
            : addMonths(now, n * 12);
      return { date, index: m.index };
    }
  }
  if ((m = re(String.raw`\b(?:innerhalb|within)\s+(?:eines|einer|a|one)\s+(monats|woche|month|week)\b`).exec(c))) {
    return { date: /^(monat|month)/i.test(m[1]!) ? addMonths(now, 1) : addDays(now, 7), index: m.index };
  }
  if ((m = re(String.raw`\b(?:in|bis|ab|before|vor|until|by|nicht vor|not before)\s+(20\d\d)\b`).exec(c)))
    return { date: utc(Number(m[1]), 1, 1), index: m.index };
  return null;
}

/** A bare future year in German ("wir planen 2029 oder 2030", "frühestens 2030 ein Thema"), not a build year or a number. */
function bareYear(c: string): DateHit | null {
  const m = re(String.raw`(?<![\d./'#-])(20[2-4]\d)(?![\d./'-]|\s*(?:m²|m2|qm|kw|€|eur|chf|fr\b|franken|euro))`).exec(
    c,
  );
  if (
    !m ||
    re(String.raw`\b(?:baujahr|jahrgang|jg|seit|nr|nummer|police|modell|anno|von|vom)\.?\s*$`).test(c.slice(0, m.index))
  )
    return null;
  return { date: utc(Number(m[1]), 1, 1), index: m.index };
}

function chronoDate(c: string, now: Date, lang: Lang): DateHit | null {
  const parser = lang === "de" ? chrono.de : chrono.en;
  for (const r of parser.parse(c, { instant: now, timezone: 0 }, { forwardDate: true })) {
    const s = r.start;
    const dated = s.isCertain("day") || s.isCertain("month") || s.isCertain("year");
    if (!dated || r.text.trim().length < 3) continue;
    if (/^(?:this |the |schönes |nice )?(?:weekend|wochenende)$/i.test(r.text.trim())) continue;
    // "over the years", "die Jahre": a bare plural unit names no date
    if (
      /^(?:over |for |all )?(?:the |these |die )?(?:years|months|weeks|days|jahre|monate|wochen|tage)$/i.test(
        r.text.trim(),
      )
    )
      continue;
    // chrono reads "200 m" as minutes, "the money" as a month and "Guten Morgen" as tomorrow
    if (!DATE_WORD.test(r.text) || NOT_A_DATE.test(r.text.trim()) || GREETING.test(c)) continue;
    return { date: s.date(), index: r.index };
  }
  return null;
}

/** Explicitly no timeline or nothing for the foreseeable future: disqualified (the definition). */
const NONE = re(
  String.raw`\b(?:no (?:real |fixed |set |firm )?(?:timeline|deadline|time ?frame|schedule|date)(?: at all)?|there'?s no (?:real )?(?:timeline|deadline)|(?:don'?t|do not|doesn'?t) have (?:a |any )?(?:timeline|deadline|time ?frame)|not (?:currently )?planned|nothing planned|no plans?\b|not planning (?:anything|any|to)|on hold (?:indefinitely|for now|until further notice)|indefinitely|until further notice|(?:can'?t|cannot) commit to any date|(?:for|in) the foreseeable future|not (?:any ?time|anytime) soon|might not happen for years|for years|in a couple of years|in (?:a few|several) years|not on the (?:agenda|cards)` +
    String.raw`|kein(?:en)? (?:festen |konkreten )?(?:zeitplan|termin|zeitpunkt|zeithorizont)|kei zitplan|(?:zeitpunkt|termin)\b[^.?!]{0,30}\b(?:nicht absehbar|offen|gibt es (?:noch )?nicht)|nicht absehbar|steht in den sternen|nicht geplant|nicht vorgesehen|nichts geplant|bis auf weiteres|auf unbestimmte zeit|unbestimmt|in absehbarer zeit nicht|die nächsten jahre\b[^.?!]{0,20}\bnicht|in ein paar jahren|vorher sicher nicht)\b` +
    String.raw`|\b(?:kein(?:en)? (?:festen |konkreten |fixen |genauen )?(?:zeitrahmen|deadline|stichtag|fixtermin|zeitplan|zeithorizont)|kei (?:fix\w* )?(?:datum|termin|zitplan|ziitplan)|(?:nicht|nöd|nid) in (?:den nächsten jahren|naher zukunft)|in naher zukunft (?:nicht|nöd|kein\w*)|auf jahre (?:hinaus )?nicht|noch lange nicht|in (?:einigen|mehreren|paar|es paar) jahren|in ferner zukunft|irgendwann in (?:ein paar|einigen) jahren)\b` +
    String.raw`|${heWord(["אין", "ללא", "בלי"], false)}\s+(?:(?:לנו|לי|כרגע|עדיין|שום)\s+){0,2}${heWord(["לוח", 'לו"ז', "לו״ז", "לוז", "תאריך", "דדליין", "deadline", "תוכנית", "תוכניות", "תכנון", "מועד", "צפי"], false)}|${heWord(["לא"], false)}\s+${heWord(["מתוכנן", "מתוכננת", "מתוכננים", "מתכננים", "מתכנן", "מתכננת", "בתכנון", "בתוכנית", "בתוכניות", "על הפרק", "בזמן הקרוב", "בקרוב", "בשנה הקרובה", "בשנים הקרובות", "בעתיד הקרוב", "בטווח הקרוב"], false)}|${heWord(["לא", "אין"], false)}\s+(?:[^\s.,!?]+\s+){1,3}${heWord(["בשנים הקרובות", "בשנתיים הקרובות", "בשנה הקרובה", "בזמן הקרוב", "בעתיד הקרוב", "בעתיד הנראה", "בטווח הקרוב", "בקרוב"], false)}|${heWord(["בשנים הקרובות", "בשנתיים הקרובות", "בשנה הקרובה", "בזמן הקרוב", "בעתיד הקרוב"], false)}\s+(?:[^\s.,!?]+\s+){0,2}${heWord(["לא", "אין"], false)}|${heWord("עד", false)}\s+${heWord("להודעה", false)}|${heWord("לעתיד", false)}\s+${heWord("הרחוק", false)}|${heWord(["בהקפאה", "ירד מהפרק", "לזמן בלתי מוגבל", "לתקופה בלתי מוגבלת", "לא ידוע מתי"], false)}|${heWord("בעתיד", false)}\s+${heWord(["הנראה", "הרחוק"], false)}`,
);
/** Vague or hedged timing: partial. */
const VAGUE_TIME = re(
  String.raw`\b(?:soon|soonish|shortly|asap|a\.s\.a\.p|as soon as possible|at the earliest(?: convenience)?|urgent(?:ly)?|immediately|right away|no rush|no hurry|not urgent|whenever|sometime|some time|at some point|eventually|later|in the (?:coming|next (?:few|couple of)) (?:weeks|months)|in the next year|over the next|next year|in the new year|after the (?:summer|holidays|summer holidays)` +
    String.raw`|bald|demnächst|zeitnah|so schnell wie möglich|so bald wie möglich|im laufe des jahres|schnellstmöglich|möglichst schnell|dringend|sofort|umgehend|kein(?:en)? zeitdruck|keine eile|eilt nicht|irgendwann|später|spöter|in den (?:kommenden|nächsten) (?:wochen|monaten|jahren|zwei|drei)|nächst(?:es|en|i|s)? (?:jahr\w*|johr)|im neuen jahr|nach den (?:sommerferien|ferien)|i de nächschte mönet)\b` +
    String.raw`|\b(?:nächscht\w*|nöchscht\w*|irgendwänn|irgendwenn|baldmöglichst|baldigst|möglichst bald|so rasch wie möglich|kurzfristig|mittelfristig|in naher zukunft|gelegentlich|bei gelegenheit|nach den feiertagen|anfang (?:nächsten|des nächsten|des neuen|des kommenden) jahres|(?:im )?kommenden jahr|kommendes jahr|in (?:ein paar|einigen|wenigen) (?:wochen|monaten)|die nächsten (?:wochen|monate)|zeitlich (?:sind wir )?flexibel|kein stress|kei stress|kei iil|ohne zeitdruck|hat zeit|pressiert (?:nicht|nöd)|eilt nöd|im lauf(?:e)? (?:des|vom) (?:jahres|frühlings|sommers|herbsts|winters|nächsten jahres))\b` +
    String.raw`|${heWord(["בקרוב", "בהקדם", "דחוף", "מיד", "מיידי", "מתישהו", "בהמשך", "אחר כך", "בעתיד", "מאוחר יותר", "בשלב מאוחר", "בשלב כלשהו", "בשלב מסוים", "בהזדמנות", "לא דחוף", "לא בוער", "אין לחץ", "אין דחיפות", "מתי שנוח", "מתי שיתאים", "מתי שתוכלו"], false)}|${heWord(["שנה", "שנים", "חודשים", "שבועות", "ימים", "תקופה", "סמסטר", "עונה"], false)}\s+${heWord(["הבא", "הבאה", "הבאים", "הקרובים", "הקרובה", "הקרובות"], false)}`,
);
/** Hedges make a date vague: "maybe spring", "hopefully in March", "irgendwann im Sommer". */
const HEDGED = re(
  String.raw`\b(?:maybe|perhaps|probably|possibly|hopefully|sometime|or so|roughly|vielleicht|vllt|vilicht|hoffentlich|eventuell|wahrscheinlich|irgendwann|ungefähr|ca\.|flexibel)\b|${heWord(["אולי", "בערך", "מתישהו", "בתקווה", "כנראה", "משהו כמו", "בסביבות", "איפשהו", "מקווים", "מקווה", "נראה לי", "פחות או יותר", "לא בטוח", "לא בטוחה", "לא בטוחים", "אמורים", "אמור", "אמורה", "בתנאי"], false)}`,
);
/** Hebrew hedges and postponements that let a vague time count next to money ("אין תקציב, אולי בשנה הבאה"). */
const HE_LATER = re(heWord(["אולי", "בהמשך", "מאוחר יותר", "נדחה", "נדחתה", "נדחו", "דחינו", "בעתיד"], false));
/** A deadline word makes a near date a project date ("by Friday", "bis KW 12", "spätestens"). */
const DEADLINE = re(
  String.raw`\b(?:by|before|until|till|no later than|deadline|due|in time for|latest|within|innerhalb|spätestens|bis|vor|zum|per|ab|fertig|live|go-live|start\w*|begin\w*|einzug|übergabe|eröffn\w*)\b|${heWord(["עד", "לפני", "מ", "לכל המאוחר", "לא יאוחר", "החל", "מהיום", "מעכשיו", "מיידית", "כבר עכשיו", "להתחיל", "מתחילים", "נתחיל", "התחלה", "להיכנס", "נכנסים", "כניסה", "לעלות", "עלייה", "לתוקף", "מוכן", "מוכנה", "מוכנים", "גמור", "גמורה", "לסיים", "סיום", "דדליין", "חייב", "חייבת", "חייבים", "צריך", "צריכה", "צריכים", "להתקין", "ההתקנה"], false)}`,
);
/** Events that set a date: holidays, trade fairs, the start of a season or school year. */
const EVENT = re(
  String.raw`\b(?:before|by|for|until|in time for|vor|bis|zur?|on)\s+(?:the\s+)?(?:christmas|xmas|easter|black friday|new year'?s?|the (?:january|summer|christmas) sales|the holidays|weihnachten|wienachte|wiehnachte|ostern|ostere|pfingsten|silvester|(?:the )?(?:messe|trade ?fair|fair)|the (?:new )?school year|schulbeginn|saisonstart|(?:next|this) (?:winter|summer|spring|autumn)|(?:dem|den) (?:nächsten )?(?:winter|sommer|frühling|herbst))\b|\bkw\s?\d{1,2}\b|\b(?:calendar )?week \d{1,2}\b` +
    String.raw`|\b(?:vor|bis|zur?|zum|über|an|nach|rechtzeitig (?:vor|zu|für)|spätestens (?:zu|an|vor|bis))\s+(?:(?:zum|zur|dem|den|der|die|vor|nächsten|nächste|kommenden|diesen|dieser)\s+){0,2}(?:weihnacht\w*|wienacht\w*|wiehnacht\w*|ostern|oster(?:n|e|ferien)|oschtere|pfingst\w*|fasnacht|fasching|karneval|neujahr|silvester|nikolaus|allerheiligen|sechseläuten|jahreswechsel)\b` +
    String.raw`|\b(?:vor|bis|zur?|zum|rechtzeitig (?:vor|zu|für)|spätestens (?:zu|an|vor|bis))\s+(?:(?:zum|zur|dem|den|der|die|vor|nächsten|nächste|kommenden|diesen|dieser)\s+){0,2}(?:\p{L}*ferien|schul(?:beginn|start|jahr\w*)|semester(?:beginn|start)|saison(?:start|beginn|eröffnung)?|\p{L}+saison|eröffnung|einzug|messe|hochzeit|winter|sommer|frühling|frühjahr|herbst|früehlig|herbscht)\b|\bzwischen den jahren\b`,
);
/** Month-level or finer dates; a bare season, year or "next week" is not a project date on its own. */
const FINE = re(
  String.raw`(?<![\d'.,])\d{1,2}[./]\s?\d{1,2}(?![\d'])|\b(?:end of|ende|anfang|mitte|mid|early|late|beginning of)\s+20\d\d\b|\b(?:bis|vor|spätestens)\s+(?:(?:zum|dem|den)\s+)?(?:${SEASON_ALT})\b|(?:${MONTH_ALT})woche\b|\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:${MONTH_ALT})|\b(?:${MONTH_ALT})\s+\d{1,2}\b|\b(?:${MONTH_ALT})\b|\bq[1-4]\b|\bquart\w*|\b(?:end of|ende) (?:the |this |des |dieses )?(?:year|jahres|jahr|month|monats)|jahresende|year[- ]end|this month|next month|diesen monat\b|nächsten monat\b|dieser woche|diese woche|this week|in \d+ (?:weeks|months|days)|in (?:two|three|four|six) (?:weeks|months)|innerhalb|within`,
);
const DAY_OF_MONTH = re(
  String.raw`\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:${MONTH_ALT})\b|\b(?:${MONTH_ALT})\s+\d{1,2}\b|\b\d{1,2}\.\d{1,2}\.`,
);
const MONEY_CONTEXT = re(
  String.raw`\b(?:budget\w*|afford|spend\w*|runway|money|funds|geld|gäld|ausgaben\w*|investitionen|finanz\w*|kurzarbeit|haushalt\w*|voranschlag|geschäftsjahr|mittel)\b|${heWord(["תקציב", "כסף"], false)}`,
);
const POSTPONED = re(
  String.raw`\b(?:postpone\w*|push(?:ed)? back|delay\w*|on hold|frozen|froze|freeze|verschieben|verschoben|eingefroren|stopp|gestoppt|pausier\w*)\b|${heWord(["דחינו", "נדחה", "נדחתה", "נדחו", "לדחות", "דוחים", "נדחית", "מוקפא", "הוקפא", "הקפאנו", "בהקפאה"], false)}`,
);
/** A clause that opens with a condition ("Should the board approve …", "Falls …", "אם …"): its date is not yet a plan. */
/** A German condition or pending decision anywhere in the clause ("Sehr geehrte … Falls der Verwaltungsrat im Januar freigibt", "das entscheidet sich im Januar"). */
const DE_CONDITION = re(
  String.raw`\b(?:falls|sofern|vorausgesetzt|sött|entscheidet sich|entscheidung fällt|wird entschieden|freigibt|zustimmt|ja sagt|ja säge)\b`,
);
const CONDITION = re(
  String.raw`^\s*(?:if|should|unless|provided|falls|wenn|sofern|sollte|sött|${heWord(["אם", "במידה"], false)})\b`,
);
const OPTED_OUT = re(String.raw`\b(?:unsubscribe|remove me|löschung|widerspreche|dsgvo|gdpr)\b`);

export function extractTimeline(raw: string, now: Date, lang: Lang): BantFinding | null {
  const results: (BantFinding | null)[] = [];
  const text = leadTurns(raw);
  const today = utc(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  const yearsAhead = (d: Date) => (d.getTime() - now.getTime()) / (365 * 86_400_000);
  for (const clause of splitClauses(text)) {
    const c = clause.text;
    const at = (i: number) => clause.start + i;
    if (ABSENCE.test(c) || OPTED_OUT.test(c) || (lang === "he" && HE_ABSENCE.test(c))) continue;
    let m: RegExpExecArray | null;
    if ((m = NONE.exec(c)) || (m = NEGATED_NOW.exec(c))) {
      results.push(finding("disqualified", "No timeline", raw, at(m.index), 0.8));
      continue;
    }
    const meeting =
      (MEETING.test(c) && !/\b(?:need|brauchen|benötigen|must|muss|by|bis)\b/i.test(c)) ||
      (lang === "he" && HE_MEETING.test(c) && !HE_MUST.test(c));
    const money = MONEY_CONTEXT.test(c) || FISCAL.test(c);
    const he = lang === "he" ? hebrewDate(c, now) : null;
    const hit = customDate(c, now) ?? he ?? chronoDate(c, now, lang) ?? (lang === "de" ? bareYear(c) : null);
    if (hit && hit.date.getTime() >= today.getTime() - 86_400_000 && !meeting) {
      // "Wir ziehen Ende Januar aus, daher brauchen wir keine Küche": the date belongs to the refusal
      if (lang === "de" && (NO_NEED_DE.test(c) || NO_NEED.test(c)) && !NOT_BEFORE.test(c)) continue;
      const ahead = yearsAhead(hit.date);
      const notBefore = NOT_BEFORE.exec(c) ?? (negatedAt(c, hit.index) ? { index: hit.index } : null);
      // "Inbetriebnahme im Q3 2028": a precise date stays a plan however far ahead; a bare far year does not
      const precise = lang === "de" && FINE.test(c);
      if (ahead > 0.9 && (notBefore || (ahead > 1.3 && !precise))) {
        results.push(
          finding("disqualified", `Not before ${iso(hit.date)}`, raw, at(notBefore?.index ?? hit.index), 0.8),
        );
        continue;
      }
      const fine = FINE.test(c) || EVENT.test(c) || (he !== null && !he.vague);
      // "next week", "Tuesday": when to talk, not when the project is due (unless a deadline word or a day of a month says so).
      const nearWeek = ahead < 0.05 && !DEADLINE.test(c) && !EVENT.test(c) && !DAY_OF_MONTH.test(c) && !he?.day;
      if (money && !fine) continue;
      if (HEDGED.test(c) || POSTPONED.test(c) || !fine || CONDITION.test(c) || notBefore || DE_CONDITION.test(c)) {
        if (!nearWeek) results.push(finding("partial", iso(hit.date), raw, at(hit.index), 0.7));
        continue;
      }
      if (nearWeek) continue;
      results.push(finding("confirmed", iso(hit.date), raw, at(hit.index), 0.85));
      continue;
    }
    if ((m = EVENT.exec(c)) && !meeting) {
      results.push(finding(HEDGED.test(c) ? "partial" : "confirmed", "Event", raw, at(m.index), 0.8));
      continue;
    }
    if ((m = re(String.raw`\b(?:ab|per) sofort\b|\b(?:starting|from) (?:today|now|immediately)\b(?! on\b)`).exec(c))) {
      results.push(finding("confirmed", iso(today), raw, at(m.index), 0.8));
      continue;
    }
    // "Wenn wir 50.000 hätten, würden wir sofort …": urgency in a wish is no plan
    if (
      (m = URGENT.exec(c)) &&
      !meeting &&
      !(lang === "de" && re(String.raw`\b(?:wenn|falls|hätten|hätte|wären|wäre)\b`).test(c))
    ) {
      results.push(finding("partial", "ASAP", raw, at(m.index), 0.75));
      continue;
    }
    if (
      (m = VAGUE_TIME.exec(c)) &&
      !(money && !/\b(?:maybe|vielleicht|later|später)\b/i.test(c) && !HE_LATER.test(c))
    ) {
      results.push(finding("partial", "No fixed date", raw, at(m.index), 0.7));
    }
  }
  const disqualified = strongest(results.filter((r) => r?.status === "disqualified"));
  if (disqualified) return disqualified;
  const confirmed = strongest(results.filter((r) => r?.status === "confirmed"));
  return confirmed ?? strongest(results);
}
