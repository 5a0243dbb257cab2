import * as chrono from "chrono-node";
import type { BantFinding } from "@/lib/ai/types";
import { finding, HEDGE, strongest } from "./finding";
import { re, splitClauses } from "./rx";
import { countWord, type Lang } from "./text";

/**
 * Timeline: when the lead wants the project done or decided. Values are ISO dates (yyyy-mm-dd)
 * computed from the request's `now`, or "ASAP".
 * - confirmed: a date or relative time ("by end of March" → last day of March, "next quarter" →
 *   first day of the next quarter, "Q3" → 1 July, "in 3 months" → now + 3 months, "bis Juni" →
 *   1 June, "end of the year" → 31 December), or urgency ("ASAP", "sofort", "urgently").
 * - partial: vague or hedged ("no rush", "maybe next year", "kein Zeitdruck", "no timeline yet").
 * - disqualified: nothing for years ("not before 2030", "frühestens in fünf Jahren").
 * Dates inside a request to talk ("can we call next Tuesday?") are about the meeting, not the
 * project, and are ignored; so are past dates and absences ("on holiday until next week").
 */
const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  januar: 1,
  jänner: 1,
  february: 2,
  feb: 2,
  februar: 2,
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
  summer: 6,
  sommer: 6,
  autumn: 9,
  fall: 9,
  herbst: 9,
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
  String.raw`\b(?:call|talk|speak|chat|let'?s meet|meet (?:you|up|us)|meeting with|come by|come over|drop by|visit|site visit|demo|appointment|termin|telefonieren|anrufen|rufen|vorbeikommen|vorbeischauen|treffen|beratungsgespräch|gespräch|zoom)\b`,
);
const ABSENCE = re(
  String.raw`\b(?:holiday|vacation|on leave|out of office|away until|back on|urlaub|ferien|abwesend|zurück am)\b`,
);
const URGENT = re(
  String.raw`\b(?:asap|a\.s\.a\.p|as soon as possible|immediately|right away|straight away|urgently|urgent|without delay|sofort|so schnell wie möglich|schnellstmöglich|schnellstens|dringend|umgehend|eilig|per sofort)\b`,
);
const VAGUE = re(
  String.raw`\b(?:no rush|no hurry|not in a hurry|in no hurry|flexible|no fixed (?:date|deadline|timeline)|nothing fixed|no (?:set )?timeline|no time ?frame|not urgent|whenever|sometime|some time|at some point|eventually|one day|down the road|kein(?:en)? zeitdruck|keine eile|eilt nicht|flexibel|kein(?:en)? (?:festen )?zeitplan|irgendwann|noch offen|nicht dringend|hat zeit)\b`,
);
const NOT_BEFORE = re(
  String.raw`\b(?:not before|not until|no earlier than|earliest|at the earliest|nicht vor|frühestens|erst in|erst ab|not for (?:the next|another))\b`,
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
const NO_TIMELINE = re(
  String.raw`\b(?:don'?t|do not|haven'?t|have not|doesn'?t)\s+(?:have\s+)?(?:a |any |an? )?(?:timeline|deadline|date|time ?frame|schedule)\b|\b(?:zeitplan|termin|deadline)\b[^.?!]{0,25}\bnoch nicht\b|\bnoch kein(?:en)? (?:zeitplan|termin|datum)\b`,
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
  if ((m = re(String.raw`\b(?:this quarter|dieses quartal|diesem quartal)\b`).exec(c)))
    return { date: lastDay(y, qNow * 3), index: m.index };
  if ((m = re(String.raw`\bq([1-4])(?:[ /'-]?(20\d\d|\d\d))?\b`).exec(c))) {
    const year = m[2] ? Number(m[2].length === 2 ? `20${m[2]}` : m[2]) : undefined;
    return { date: quarterStart(Number(m[1]), year), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(first|1st|second|2nd|third|3rd|fourth|4th|ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?:quarter|quartal)\b`,
    ).exec(c))
  ) {
    return { date: quarterStart(ORDINAL_QUARTER[m[1]!.toLowerCase()]!), index: m.index };
  }
  if (
    (m = re(
      String.raw`\b(?:end of (?:the |this )?year|year[- ]end|end of \d{4}|ende (?:des |dieses )?jahres|jahresende|ende jahr|ende \d{4}|this year|dieses jahr|diesem jahr|noch in diesem jahr)\b`,
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
  if ((m = re(String.raw`\b(?:end of|ende)\s+(?:of\s+)?(${MONTH_ALT})\b`).exec(c))) {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    return { date: lastDay(monthYear(now, month), month), index: m.index };
  }
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

function chronoDate(c: string, now: Date, lang: Lang): DateHit | null {
  const parser = lang === "de" ? chrono.de : chrono.en;
  for (const r of parser.parse(c, { instant: now, timezone: 0 }, { forwardDate: true })) {
    const s = r.start;
    const dated = s.isCertain("day") || s.isCertain("month") || s.isCertain("year");
    if (!dated || r.text.trim().length < 3) continue;
    if (/^(?:this |the |schönes |nice )?(?:weekend|wochenende)$/i.test(r.text.trim())) continue;
    // chrono reads "200 m" as minutes, "the money" as a month and "Guten Morgen" as tomorrow
    if (!DATE_WORD.test(r.text) || NOT_A_DATE.test(r.text.trim()) || GREETING.test(c)) continue;
    return { date: s.date(), index: r.index };
  }
  return null;
}

export function extractTimeline(text: string, now: Date, lang: Lang): BantFinding | null {
  const results: (BantFinding | null)[] = [];
  const today = utc(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  for (const clause of splitClauses(text)) {
    const c = clause.text;
    const at = (i: number) => clause.start + i;
    if (ABSENCE.test(c)) continue;
    const hedged = re(HEDGE).test(c);
    let m: RegExpExecArray | null;
    const meeting = MEETING.test(c);
    if ((m = URGENT.exec(c)) && !(meeting && !/\b(?:need|brauchen|benötigen|want|wollen)\b/i.test(c))) {
      results.push(finding("confirmed", "ASAP", text, at(m.index), 0.8));
      continue;
    }
    if ((m = NEGATED_NOW.exec(c))) {
      results.push(finding("disqualified", "Not in the foreseeable future", text, at(m.index), 0.75));
    }
    if (meeting || FISCAL.test(c)) continue;
    if ((m = NO_TIMELINE.exec(c))) {
      results.push(finding("partial", "No fixed date", text, at(m.index), 0.75));
      continue;
    }
    const hit = customDate(c, now) ?? chronoDate(c, now, lang);
    if (hit && hit.date.getTime() >= today.getTime() - 86_400_000) {
      const far = hit.date.getTime() - now.getTime() > 365 * 86_400_000 * 1.5;
      const notBefore = NOT_BEFORE.exec(c);
      if (notBefore && far) {
        results.push(finding("disqualified", `Not before ${iso(hit.date)}`, text, at(notBefore.index), 0.8));
        continue;
      }
      if (hedged) {
        results.push(finding("partial", iso(hit.date), text, at(hit.index), 0.65));
        continue;
      }
      results.push(finding("confirmed", iso(hit.date), text, at(hit.index), far ? 0.7 : 0.85));
      continue;
    }
    if (
      (m = VAGUE.exec(c)) ||
      (m = re(String.raw`\b(?:no|kein\w*|not? a?)\s+(?:timeline|zeitplan|deadline|time ?frame)\b`).exec(c))
    ) {
      results.push(finding("partial", "No fixed date", text, at(m.index), 0.75));
    }
  }
  const disqualified = strongest(results.filter((r) => r?.status === "disqualified"));
  if (disqualified) return disqualified;
  return strongest(results);
}
