import { heWord, re } from "./rx";

/**
 * Hebrew project dates chrono-node cannot read: months ("בינואר", "עד סוף מרץ"), quarters
 * ("ברבעון הראשון", "Q1"), the end of this month or year, and holidays used as deadlines ("לפני
 * פסח", "עד ראש השנה"). Holidays move every year; the dates are their usual Gregorian month start,
 * close enough for a timeline value.
 */
const MONTHS = [
  "ינואר",
  "פברואר",
  "מרץ",
  "אפריל",
  "מאי",
  "יוני",
  "יולי",
  "אוגוסט",
  "ספטמבר",
  "אוקטובר",
  "נובמבר",
  "דצמבר",
];
const HOLIDAYS: [string, number][] = [
  ["ראש השנה", 9],
  ["החגים", 9],
  ["סוכות", 10],
  ["חנוכה", 12],
  ["פורים", 3],
  ["פסח", 4],
  ["שבועות", 6],
];
const ORDINALS = ["ראשון", "שני", "שלישי", "רביעי"];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0));
const nextYearOf = (now: Date, month: number) =>
  month < now.getUTCMonth() + 1 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();

const MONTH = re(`(${heWord("סוף", false)}\\s+)?${heWord(MONTHS, false)}`);
const HOLIDAY = re(
  heWord(
    HOLIDAYS.map(([h]) => h),
    false,
  ),
);
const QUARTER = re(`${heWord("רבעון", false)}\\s+(?:ה)?(${ORDINALS.join("|")})`);
const END_OF = re(`${heWord("סוף", false)}\\s+(?:ה)?(חודש|שנה)`);

export type HeDate = { date: Date; index: number };

/** "today", "tomorrow", "right now", "next month": relative days from `now`. */
const RELATIVE: [RegExp, (now: Date) => Date][] = [
  [
    re(heWord(["היום", "עכשיו", "מיידית"], false)),
    (now) => utc(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()),
  ],
  [re(heWord("מחר", false)), (now) => utc(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate() + 1)],
  [
    re(`${heWord("חודש", false)}\\s+${heWord("הבא", false)}`),
    (now) => utc(now.getUTCFullYear(), now.getUTCMonth() + 2, 1),
  ],
];

export function hebrewDate(clause: string, now: Date): HeDate | null {
  let m: RegExpExecArray | null;
  if ((m = re(String.raw`(?:לפני|עד|בשנת|ב-?|מ-?|ל-?)\s*(20\d\d)\b`).exec(clause)))
    return { date: utc(Number(m[1]), 1, 1), index: m.index };
  for (const [pattern, date] of RELATIVE) if ((m = pattern.exec(clause))) return { date: date(now), index: m.index };
  if ((m = END_OF.exec(clause))) {
    const y = now.getUTCFullYear();
    return { date: m[1] === "חודש" ? lastDay(y, now.getUTCMonth() + 1) : utc(y, 12, 31), index: m.index };
  }
  if ((m = QUARTER.exec(clause))) {
    const q = ORDINALS.indexOf(m[1]!) + 1;
    const qNow = Math.floor(now.getUTCMonth() / 3) + 1;
    return {
      date: utc(q < qNow ? now.getUTCFullYear() + 1 : now.getUTCFullYear(), (q - 1) * 3 + 1, 1),
      index: m.index,
    };
  }
  if ((m = MONTH.exec(clause))) {
    const month = MONTHS.findIndex((name) => m![0].includes(name)) + 1;
    const y = nextYearOf(now, month);
    return { date: m[1] ? lastDay(y, month) : utc(y, month, 1), index: m.index };
  }
  if ((m = HOLIDAY.exec(clause))) {
    const month = HOLIDAYS.find(([h]) => m![0].includes(h))![1];
    return { date: utc(nextYearOf(now, month), month, 1), index: m.index };
  }
  return null;
}
