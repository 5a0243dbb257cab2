import { HEBREW_COUNTS } from "@/lib/ai/extract/numbers";
import { DEFAULT_DUE_HOUR, fromWallClock, wallClock, withoutDate, type DueOptions, type ParsedDue } from "./wall-clock";

/**
 * The Hebrew forms people use for a follow-up, which chrono-node cannot read (the extraction's
 * Hebrew dates in lib/ai/extract/dates-he.ts are months and holidays for a project's timeline, not
 * days and hours): היום, מחר, מחרתיים; (ב)יום שלישי, בשבת, (ה)שבוע הבא; בעוד 3 ימים / שעתיים /
 * שבוע / חצי שעה; and a time: ב-10, בשעה 10:30, 16:00, with בבוקר / בצהריים / אחה"צ / בערב.
 * A bare hour from 1 to 7 without "in the morning" is the afternoon ("מחר ב-4" is 16:00).
 */
const L = String.raw`[\p{L}\p{N}_]`;
// Hebrew glues one-letter prepositions and the article to the next word ("ביום", "בשבוע").
const start = String.raw`(?<!${L})`;
const end = String.raw`(?!${L})`;
const word = (source: string, prefixes = "[בהל]{0,2}") => `${start}${prefixes}(?:${source})${end}`;

const WEEKDAYS = ["ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי"];
const NUMBERS = HEBREW_COUNTS;
const UNITS: Record<string, "minute" | "hour" | "day" | "week"> = {
  דקות: "minute",
  דקה: "minute",
  שעות: "hour",
  שעה: "hour",
  ימים: "day",
  יום: "day",
  שבועות: "week",
  שבוע: "week",
};
const DUALS: Record<string, [number, "minute" | "hour" | "day" | "week"]> = {
  שעתיים: [2, "hour"],
  יומיים: [2, "day"],
  שבועיים: [2, "week"],
};

const RELATIVE_DAY = new RegExp(word("מחרתיים|מחר|היום"), "u");
const WEEKDAY = new RegExp(`${word(`יום\\s+(?:ה)?(${WEEKDAYS.join("|")})|שבת`)}(?:\\s+${word("הבא|הקרוב")})?`, "u");
const NEXT_WEEK = new RegExp(`${word("שבוע")}\\s+${word("הבא")}`, "u");
const IN = new RegExp(
  `${word("בעוד", "")}\\s+(?:(\\d+|${Object.keys(NUMBERS).join("|")})\\s+(${Object.keys(UNITS).join("|")})|(${Object.keys(DUALS).join("|")})|(חצי\\s+שעה)|(${Object.keys(UNITS).join("|")}))${end}`,
  "u",
);
const TIME = new RegExp(
  `(?:${start}ב(?:שעה)?\\s*-?\\s*|${start})(\\d{1,2})(?::(\\d{2}))?(?![\\d:])(?:\\s+(${word('בבוקר|בצהריים|בצהרים|אחה"צ|אחה״צ|אחרי\\s+הצהריים|בערב|בלילה', "")}))?`,
  "u",
);

type Span = { index: number; length: number };
const spanOf = (m: RegExpExecArray): Span => ({ index: m.index, length: m[0].length });

/** The due date a Hebrew quick add names, or null. */
export function parseHebrewDue(input: string, options: DueOptions): ParsedDue | null {
  const text = input.normalize("NFC").replace(/\s+/g, " ");
  const wall = wallClock(options.now, options.timeZone);
  const spans: Span[] = [];
  let dayOffset: number | null = null;

  const inMatch = IN.exec(text);
  if (inMatch) {
    const [count, unit] = inMatch[3]
      ? DUALS[inMatch[3]]!
      : inMatch[4]
        ? [30, "minute" as const]
        : inMatch[5]
          ? [1, UNITS[inMatch[5]]!]
          : [Number(inMatch[1]) || NUMBERS[inMatch[1]!] || 1, UNITS[inMatch[2]!]!];
    if (unit === "minute" || unit === "hour") {
      const dueAt = new Date(options.now.getTime() + count * (unit === "hour" ? 60 : 1) * 60_000);
      return { dueAt, text: inMatch[0], title: withoutDate(text, inMatch.index, inMatch[0].length) };
    }
    dayOffset = unit === "week" ? count * 7 : count;
    spans.push(spanOf(inMatch));
  }

  if (dayOffset === null) {
    const relative = RELATIVE_DAY.exec(text);
    const weekday = WEEKDAY.exec(text);
    const nextWeek = NEXT_WEEK.exec(text);
    if (relative) {
      dayOffset = relative[0].endsWith("מחרתיים") ? 2 : relative[0].endsWith("מחר") ? 1 : 0;
      spans.push(spanOf(relative));
    } else if (weekday) {
      const target = weekday[1] ? WEEKDAYS.indexOf(weekday[1]) : 6;
      dayOffset = (target - wall.weekday + 7) % 7 || 7;
      spans.push(spanOf(weekday));
    } else if (nextWeek) {
      dayOffset = 7;
      spans.push(spanOf(nextWeek));
    }
  }

  // The time is looked for outside the day's words ("בעוד 3 ימים" holds no hour).
  const masked = spans.reduce((t, s) => t.slice(0, s.index) + " ".repeat(s.length) + t.slice(s.index + s.length), text);
  const time = TIME.exec(masked);
  // A number on its own is a time only beside a day ("מחר ב-10") or written as one ("16:00", "בשעה 9").
  const timeCounts =
    time && (dayOffset !== null || time[2] !== undefined || /שעה/.test(time[0])) && Number(time[1]) <= 23;
  if (dayOffset === null && !timeCounts) return null;

  let hour = DEFAULT_DUE_HOUR;
  let minute = 0;
  if (time && timeCounts) {
    hour = Number(time[1]);
    minute = Number(time[2] ?? 0);
    const part = time[3] ?? "";
    const afternoon = /ערב|לילה|צהר|אחה/.test(part);
    if (minute > 59) return null;
    if (!/בוקר/.test(part) && hour < 12 && (afternoon || (hour >= 1 && hour <= 7))) hour += 12;
    spans.push(spanOf(time));
  }
  const offset = dayOffset ?? (hour * 60 + minute <= wall.hour * 60 + wall.minute ? 1 : 0);
  const dueAt = fromWallClock({ ...wall, day: wall.day + offset, hour: hour % 24, minute }, options.timeZone);

  // The words read as the date: from the first to the last span (the title keeps what lies outside).
  const from = Math.min(...spans.map((s) => s.index));
  const to = Math.max(...spans.map((s) => s.index + s.length));
  return { dueAt, text: text.slice(from, to).trim(), title: withoutDate(text, from, to - from) };
}
