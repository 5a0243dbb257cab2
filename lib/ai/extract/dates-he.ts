import { heWord, re } from "./rx";
import { HEBREW_COUNTS } from "./numbers";

/**
 * Hebrew project dates chrono-node cannot read, by category rather than by phrase:
 * - Gregorian months in their spellings ("במרץ"/"במרס", "עד סוף פברואר", "אמצע דצמבר", "באוגוסט
 *   2027") and a day in a month ("ב-3 בדצמבר", "עד ה-15/1", "24.12");
 * - Hebrew calendar months ("בניסן", "עד אלול") and holidays used as deadlines ("לפני פסח", "עד
 *   ראש השנה", "לחנוכה"), seasons ("לפני החורף"), the school year;
 * - quarters and halves ("ברבעון הבא", "רבעון שני של 2027", "סוף הרבעון"), the end of this week,
 *   month or year ("עוד החודש", "עד סוף השנה");
 * - relative dates ("בעוד שבועיים", "תוך 3 חודשים", "מחר", "בשבוע הבא", "מיום ראשון הבא").
 * "After" a holiday or a bare season ("אחרי החגים", "בקיץ") is `vague`: a rough time, not a date
 * to be met. Holidays move every year; their dates are the usual Gregorian month start, close
 * enough for a timeline value. A month "of" something ("החשבונית של אוקטובר") or one that is past
 * ("בספטמבר האחרון") is not a date ahead.
 */
export type HeDate = {
  date: Date;
  index: number;
  /** A rough time ("אחרי פסח", "בקיץ", "בעוד כמה שבועות"): partial, not confirmed. */
  vague?: boolean;
  /** A calendar day or month was named ("ב-3 בדצמבר", "בתחילת דצמבר"): never a call slot, a project date even when close. */
  day?: boolean;
};

const MONTHS: [string[], number][] = [
  [["ינואר", "ינוער"], 1],
  [["פברואר", "פבואר", "פברואר"], 2],
  [["מרץ", "מרס", "מארס", "מרטס"], 3],
  [["אפריל", "אפרל"], 4],
  [["מאי"], 5],
  [["יוני", "יונ׳"], 6],
  [["יולי"], 7],
  [["אוגוסט", "אוגוסת"], 8],
  [["ספטמבר", "ספטמבער"], 9],
  [["אוקטובר", "אוקטובער"], 10],
  [["נובמבר", "נובמבער"], 11],
  [["דצמבר", "דיצמבר", "דצמבער"], 12],
  // Hebrew calendar months, at the Gregorian month they mostly fall in
  [["תשרי"], 9],
  [["חשוון", "חשון", "מרחשוון", "מרחשון"], 10],
  [["כסלו", "כסליו"], 11],
  [["טבת"], 12],
  // שבט, אדר, ניסן and אייר are also everyday words or names (a tribe, a car): read only after "חודש"
  [["חודש שבט"], 1],
  [["חודש אדר"], 2],
  [["חודש ניסן"], 3],
  [["חודש אייר"], 4],
  [["סיוון", "סיון"], 5],
  [["תמוז"], 6],
  [["מנחם אב", "חודש אב"], 7],
  [["אלול"], 8],
];
/** Also a first name ("יוני כהן") or a word: a month only with a prefix or a part ("ביוני", "סוף מאי"). */
const NAME_LIKE = new Set(["יוני", "מאי"]);
const MONTH_WORDS = MONTHS.flatMap(([names]) => names).sort((a, b) => b.length - a.length);
const monthOf = (word: string) => MONTHS.find(([names]) => names.includes(word))![1];

/** Holidays and yearly events, with the month they mark. */
const HOLIDAYS: [string[], number, number?][] = [
  [["ראש השנה", 'ר"ה', "ר״ה"], 9],
  [["יום כיפור", "יום כפור", "כיפור"], 9],
  [["החגים", "חגי תשרי"], 10],
  [["סוכות", "סכות"], 10],
  [["חנוכה"], 12],
  [["חג המולד", "כריסמס", "קריסמס"], 12, 25],
  [["סילבסטר", "הסילבסטר"], 12, 31],
  [['ט"ו בשבט', "ט״ו בשבט", "טו בשבט"], 2],
  [["פורים"], 3],
  [["פסח", "ליל הסדר", "חג הפסח"], 4],
  [["יום העצמאות"], 5],
  [['ל"ג בעומר', "ל״ג בעומר", "לג בעומר"], 5],
  [["חג השבועות"], 6],
  [["החופש הגדול", "החופש"], 7],
  [["שנת הלימודים", "פתיחת שנת הלימודים", "תחילת שנת הלימודים", "הראשון בספטמבר"], 9, 1],
];
const HOLIDAY_WORDS = HOLIDAYS.flatMap(([names]) => names).sort((a, b) => b.length - a.length);
const SEASONS: [string, number][] = [
  ["אביב", 3],
  ["קיץ", 6],
  ["סתיו", 9],
  ["חורף", 12],
];
const WEEKDAYS = ["ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי"];
const WEEKDAY_LETTERS = ["א", "ב", "ג", "ד", "ה", "ו"];
const ORDINALS: Record<string, number> = {
  ראשון: 1,
  הראשון: 1,
  "1": 1,
  א: 1,
  שני: 2,
  השני: 2,
  "2": 2,
  ב: 2,
  שלישי: 3,
  השלישי: 3,
  "3": 3,
  ג: 3,
  רביעי: 4,
  הרביעי: 4,
  אחרון: 4,
  האחרון: 4,
  "4": 4,
  ד: 4,
};
/** Counts written as words, both genders; "כמה"/"מספר" ("a few") make the date vague. */
const COUNTS: Record<string, number> = { ...HEBREW_COUNTS, כמה: 3, מספר: 3 };
/** Duration words with their length in days; the dual forms ("שבועיים") carry their count. */
const UNITS: [string, number][] = [
  ["יומיים", 2],
  ["ימים", 1],
  ["יום", 1],
  ["שבועיים", 14],
  ["שבועות", 7],
  ["שבוע", 7],
  ["חודשיים", 61],
  ["חודשים", 30.5],
  ["חודש", 30.5],
  ["שנתיים", 730],
  ["שנים", 365],
  ["שנה", 365],
];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0));
const nextYearOf = (now: Date, month: number) =>
  month < now.getUTCMonth() + 1 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
const today = (now: Date) => utc(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
const addDays = (now: Date, n: number) => new Date(today(now).getTime() + Math.round(n) * 86_400_000);
const alt = (words: readonly string[]) =>
  words.map((w) => w.replace(/"/g, '["״]?').replace(/ /g, String.raw`\s+`)).join("|");

/** "of October", "last September", "we bought in March": a past or billed month, not a date ahead. */
const NOT_AHEAD_BEFORE = re(
  String.raw`(?:^|\s)(?:של|מאז|מ-?\s?תחילת)\s*$|(?:^|\s)(?!(?:אנחנו|לנו|שלנו|אותנו|איתנו|עלינו|אלינו|ממנו|בשבילנו|אצלנו|עבורנו|אותי|שלי|לי|בשבילי|עבורי)\s)\p{L}{2,}(?:נו|תי)\s+(?:\p{L}+\s+)?$`,
);
const NOT_AHEAD_AFTER = re(`^\\s*(?:${heWord(["האחרון", "האחרונה", "שעבר", "שעברה", "שהיה"], false)})`);
/** Words before a holiday or season that make it a rough time rather than a deadline. */
const AFTER = String.raw`(?:אחרי|לאחר|אחר|מאחרי|אחרי\s+ה?)\s*`;

const YEAR = re(String.raw`(?:לפני|עד|בשנת|ב-?|מ-?|ל-?)\s*(20\d\d)\b`);
const NUMERIC = re(
  String.raw`(?<![\d.,:/])((?:ב|עד|ה|מה|מ|ל|עד ה|לפני ה|ביום|בתאריך|לתאריך|תאריך)\s?-?\s?)?(?<![\d.,:/])(\d{1,2})[./](\d{1,2})(?:[./](20\d\d|\d\d))?(?![\d.,:/])(?!\s?(?:${alt(["מיליון", "מליון", "אלף", "k", "%", "שעות", 'מ"ר'])}))`,
);
const DAY_MONTH = re(
  String.raw`(?<![\d.,])(\d{1,2})\s?(?:ב|ל|של)?-?\s?(${alt(MONTH_WORDS)})(?![\p{L}])(?:\s+(20\d\d))?`,
);
const MONTH = re(
  String.raw`(?<![\p{L}])(?:[ובהלמשכ]{0,3}(תחילת|אמצע|סוף|במהלך)\s+)?([ובהלמשכ]{0,3})(?:חודש\s+)?(${alt(MONTH_WORDS)})(?![\p{L}])(?:\s+(20\d\d))?`,
  "g",
);
const QUARTER = re(
  String.raw`(?<![\p{L}])[ובהלמשכ]{0,3}(?:(סוף|תחילת)\s+)?ה?רבעון\s+(?:ה)?(ראשון|שני|שלישי|רביעי|אחרון|[1-4]|[אבגד]['׳]?)(?![\p{L}])(?:\s+(?:של\s+)?(20\d\d))?`,
);
const QUARTER_RELATIVE = re(
  String.raw`(?<![\p{L}])[ובהלמשכ]{0,3}(?:(סוף|תחילת)\s+)?ה?רבעון\s+(?:ה)?(הבא|הקרוב|הזה|הנוכחי)(?![\p{L}])|(?<![\p{L}])[ובהלמשכ]{0,3}(סוף)\s+ה?רבעון(?![\p{L}])`,
);
const HALF = re(
  String.raw`(?<![\p{L}])[ובהלמשכ]{0,3}ה?(?:חציון|מחצית)\s+(?:ה)?(ראשון|ראשונה|שני|שנייה|השני|השנייה)(?:\s+(?:של\s+)?(20\d\d))?|\bh([12])(?:\s+(20\d\d))?\b`,
);
const END_OF = re(
  String.raw`(?<![\p{L}])[ובהלמשכ]{0,3}(סוף|תחילת|אמצע)\s+(?:ה)?(חודש|שנה|שבוע)(?:\s+(?:ה)?(הבא|הבאה|הנוכחי|הנוכחית|הזה|הזאת|הזו))?(?![\p{L}])`,
);
const THIS_PERIOD = re(
  String.raw`(?<![\p{L}])(עוד|עד\s+סוף|במהלך|כבר|ממש)\s+[ב]?(החודש|השבוע|השנה)(?:\s+(?:הזה|הזאת|הזו|הנוכחי|הנוכחית))?(?![\p{L}])`,
);
const DURATION = re(
  String.raw`(?<![\p{L}])(בעוד|תוך|בתוך|עוד|עד|בטווח\s+של)\s+(?:(\d{1,3}|${Object.keys(COUNTS).join("|")})\s+)?(${UNITS.map(([u]) => u).join("|")})(?![\p{L}])(?!\s+(?:${WEEKDAYS.join("|")}|[אבגדהו]['׳]))|(?<![\p{L}])ב(שבועיים|חודשיים|יומיים|שנתיים)\s+(?:ה)?(?:קרובים|הקרובים|הבאים|הקרובות|הבאות)(?![\p{L}])`,
);
const HOLIDAY = re(String.raw`(?<![\p{L}])(${AFTER})?[ובהלמשכ]{0,3}(?:חג\s+)?(${alt(HOLIDAY_WORDS)})(?![\p{L}])`);
const SEASON = re(
  String.raw`(?<![\p{L}])(?<!תל[\s-])(${AFTER}|לפני\s+|עד\s+|לקראת\s+)?[ובהלמשכ]{0,3}(${SEASONS.map(([s]) => s).join("|")})(?:\s+(?:ה)?(הבא|הקרוב|הזה))?(?![\p{L}])`,
);
const WEEKDAY = re(
  String.raw`(?<![\p{L}])[ובהלמשכ]{0,3}(?:יום\s+(${WEEKDAYS.join("|")}|[${WEEKDAY_LETTERS.join("")}]['׳])|(${WEEKDAYS.join("|")})\s+(?:ה)?(?:קרוב|הקרוב|הבא))(?![\p{L}])|(?<![\p{L}])[ובהלמשכ]{0,3}שבת\s+(?:ה)?(?:קרובה|הקרובה|הבאה)(?![\p{L}])`,
);

type Rule = (clause: string, now: Date) => HeDate | null;

const dayMonth: Rule = (c, now) => {
  const m = DAY_MONTH.exec(c);
  if (!m) return null;
  const day = Number(m[1]);
  const month = monthOf(m[2]!.replace(/\s+/g, " ").replace(/״/g, '"'));
  if (day < 1 || day > 31) return null;
  const y = m[3]
    ? Number(m[3])
    : utc(now.getUTCFullYear(), month, day) < today(now)
      ? now.getUTCFullYear() + 1
      : now.getUTCFullYear();
  return { date: utc(y, month, day), index: m.index, day: true };
};

const numeric: Rule = (c, now) => {
  const m = NUMERIC.exec(c);
  // "2.5" alone is a number: a date needs a preposition ("ב-24.12", "עד 15/1") or a year
  if (!m || (!m[1] && !m[4])) return null;
  const day = Number(m[2]);
  const month = Number(m[3]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const explicit = m[4] ? Number(m[4].length === 2 ? `20${m[4]}` : m[4]) : null;
  const y =
    explicit ?? (utc(now.getUTCFullYear(), month, day) < today(now) ? now.getUTCFullYear() + 1 : now.getUTCFullYear());
  return { date: utc(y, month, day), index: m.index, day: true };
};

const month: Rule = (c, now) => {
  for (const m of c.matchAll(MONTH)) {
    const [, part, prefix, word, yearText] = m;
    const name = word!.replace(/\s+/g, " ");
    if (NAME_LIKE.has(name) && !part && !prefix && !yearText) continue;
    if (NOT_AHEAD_BEFORE.test(c.slice(0, m.index)) || NOT_AHEAD_AFTER.test(c.slice(m.index + m[0].length))) continue;
    const mo = monthOf(name);
    const y = yearText ? Number(yearText) : nextYearOf(now, mo);
    const date = part === "סוף" ? lastDay(y, mo) : part === "אמצע" ? utc(y, mo, 15) : utc(y, mo, 1);
    return { date, index: m.index, day: true };
  }
  return null;
};

const quarter: Rule = (c, now) => {
  const qNow = Math.floor(now.getUTCMonth() / 3) + 1;
  const y = now.getUTCFullYear();
  let m = QUARTER.exec(c);
  if (m) {
    const key = m[2]!.replace(/['׳]/g, "");
    const q = ORDINALS[key] ?? 1;
    const year = m[3] ? Number(m[3]) : q < qNow ? y + 1 : y;
    return { date: m[1] === "סוף" ? lastDay(year, q * 3) : utc(year, (q - 1) * 3 + 1, 1), index: m.index };
  }
  if ((m = QUARTER_RELATIVE.exec(c))) {
    const next = m[2] === "הבא" || m[2] === "הקרוב";
    const q = next ? (qNow === 4 ? 1 : qNow + 1) : qNow;
    const year = next && qNow === 4 ? y + 1 : y;
    return {
      date: (m[1] ?? m[3]) === "סוף" || !next ? lastDay(year, q * 3) : utc(year, (q - 1) * 3 + 1, 1),
      index: m.index,
    };
  }
  if ((m = HALF.exec(c))) {
    const first = m[1] ? /^ה?ראשונ?/.test(m[1]) : m[3] === "1";
    const yearText = m[2] ?? m[4];
    const year = yearText ? Number(yearText) : first && now.getUTCMonth() >= 6 ? y + 1 : y;
    return { date: utc(year, first ? 1 : 7, 1), index: m.index };
  }
  return null;
};

const endOf: Rule = (c, now) => {
  const m = END_OF.exec(c);
  if (!m) return null;
  const y = now.getUTCFullYear();
  const next = m[3] === "הבא" || m[3] === "הבאה";
  const [part, unit] = [m[1], m[2]];
  if (unit === "שבוע") {
    const toSaturday = (6 - now.getUTCDay() + 7) % 7;
    return { date: addDays(now, toSaturday + (next ? 7 : 0)), index: m.index, day: true };
  }
  if (unit === "חודש") {
    const mo = now.getUTCMonth() + 1 + (next ? 1 : 0);
    const date = part === "סוף" ? lastDay(y, mo) : part === "אמצע" ? utc(y, mo, 15) : utc(y, mo, 1);
    return { date, index: m.index, day: true };
  }
  const year = y + (next ? 1 : 0);
  const date = part === "סוף" ? utc(year, 12, 31) : part === "אמצע" ? utc(year, 7, 1) : utc(next ? year : y + 1, 1, 1);
  return { date, index: m.index };
};

/** "עוד החודש", "עד סוף השנה": a bare "השנה" is often about money or the past ("השנה אין תקציב"), so a lead word is required. */
const thisPeriod: Rule = (c, now) => {
  const m = THIS_PERIOD.exec(c);
  if (!m) return null;
  const [, lead, period] = m;
  const y = now.getUTCFullYear();
  if (period === "החודש") return { date: lastDay(y, now.getUTCMonth() + 1), index: m.index, day: true };
  if (period === "השבוע") return { date: addDays(now, (6 - now.getUTCDay() + 7) % 7), index: m.index, day: true };
  return { date: utc(y, 12, 31), index: m.index, vague: lead === "במהלך" };
};

const duration: Rule = (c, now) => {
  const m = DURATION.exec(c);
  if (!m) return null;
  if (m[4]) {
    const days = UNITS.find(([u]) => u === m[4])![1];
    return { date: addDays(now, days), index: m.index };
  }
  const unit = m[3]!;
  const perUnit = UNITS.find(([u]) => u === unit)![1];
  const dual = ["יומיים", "שבועיים", "חודשיים", "שנתיים"].includes(unit);
  const countWord = m[2];
  const count = dual ? 1 : countWord ? (/^\d+$/.test(countWord) ? Number(countWord) : (COUNTS[countWord] ?? 1)) : 1;
  const vague = countWord === "כמה" || countWord === "מספר" || (!countWord && !dual && /(?:ים|ות)$/.test(unit));
  return { date: addDays(now, perUnit * count), index: m.index, vague };
};

const RELATIVE: [RegExp, (now: Date) => Date][] = [
  [re(heWord(["היום", "עכשיו", "מיידית", "מעכשיו"], false)), (now) => today(now)],
  [re(heWord("מחרתיים", false)), (now) => addDays(now, 2)],
  [re(heWord("מחר", false)), (now) => addDays(now, 1)],
  [re(`${heWord("שבוע", false)}\\s+${heWord(["הבא", "הקרוב"], false)}`), (now) => addDays(now, 7)],
  [
    re(`${heWord("חודש", false)}\\s+${heWord(["הבא", "הקרוב"], false)}`),
    (now) => utc(now.getUTCFullYear(), now.getUTCMonth() + 2, 1),
  ],
];

const relative: Rule = (c, now) => {
  for (const [pattern, date] of RELATIVE) {
    const m = pattern.exec(c);
    if (m) return { date: date(now), index: m.index };
  }
  return null;
};

const weekday: Rule = (c, now) => {
  const m = WEEKDAY.exec(c);
  if (!m) return null;
  const word = m[1] ?? m[2];
  const letter = word && /^[א-ו]['׳]$/u.test(word) ? WEEKDAY_LETTERS.indexOf(word[0]!) : -1;
  const dow = word ? (letter >= 0 ? letter : WEEKDAYS.indexOf(word)) : 6; // Sunday = 0 … Saturday = 6
  const ahead = (dow - now.getUTCDay() + 7) % 7 || 7;
  return { date: addDays(now, ahead), index: m.index };
};

const holiday: Rule = (c, now) => {
  const m = HOLIDAY.exec(c);
  if (!m) return null;
  if (NOT_AHEAD_BEFORE.test(c.slice(0, m.index))) return null;
  const bare = (w: string) => w.replace(/\s+/g, " ").replace(/["״]/g, "");
  const word = bare(m[2]!);
  const found = HOLIDAYS.find(([names]) => names.some((n) => bare(n) === word));
  if (!found) return null;
  const [, mo, day] = found;
  const after = Boolean(m[1]) || word.startsWith("אחרי") || word === "החופש";
  return { date: utc(nextYearOf(now, mo), mo, day ?? 1), index: m.index, vague: after };
};

const season: Rule = (c, now) => {
  const m = SEASON.exec(c);
  if (!m) return null;
  const mo = SEASONS.find(([s]) => s === m[2])![1];
  const deadline = Boolean(m[1]) && !/^(?:אחרי|לאחר|אחר|מאחרי)/.test(m[1]!);
  const next = m[3] === "הבא";
  const y =
    nextYearOf(now, mo) + (next && nextYearOf(now, mo) === now.getUTCFullYear() && mo <= now.getUTCMonth() + 1 ? 1 : 0);
  return { date: utc(y, mo, 1), index: m.index, vague: !deadline };
};

const year: Rule = (c) => {
  const m = YEAR.exec(c);
  return m ? { date: utc(Number(m[1]), 1, 1), index: m.index, vague: !/^(?:לפני|עד)/.test(m[0]) } : null;
};

/** Most specific first: a named day beats its month, a month beats its year. */
const RULES: Rule[] = [
  dayMonth,
  numeric,
  month,
  quarter,
  endOf,
  thisPeriod,
  duration,
  holiday,
  relative,
  weekday,
  season,
  year,
];

export function hebrewDate(clause: string, now: Date): HeDate | null {
  for (const rule of RULES) {
    const hit = rule(clause, now);
    if (hit) return hit;
  }
  return null;
}
