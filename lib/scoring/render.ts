/**
 * Renders the engine's explanation lines (lines.ts) in the reader's language: `t` is a next-intl
 * translator scoped to `heatLines`, `format` words timestamps in the reader's locale and zone.
 * Pure, so the lead page, the inbox panel, the timeline, the API and the heat notification
 * (UI, email, push) all call this one function.
 */
import type { Translate } from "@/lib/i18n/translate";
import type { HeatLine } from "./lines";
import { formatDate, formatPoints, formatTimestamp, quote } from "./format";

export type HeatLineFormat = {
  /** A moment: "Tue, 3 Dec, 14:30 CET". */
  moment: (iso: string) => string;
  /** A day: "3 Dec 2026". */
  day: (iso: string) => string;
};

/** The format the engine's English used before lines had keys: "2026-03-05 14:00 UTC", "2026-03-05". */
export const UTC_FORMAT: HeatLineFormat = { moment: formatTimestamp, day: formatDate };

/** The options intlHeatLineFormat asks for (a subset next-intl's formatter accepts). */
export type HeatDateOptions = {
  day: "numeric";
  month: "short";
  year: "numeric";
  hour?: "2-digit";
  minute?: "2-digit";
  timeZoneName?: "short";
};

/** A format from next-intl's formatter (`useFormatter()` / `createFormatter`), in its locale and zone. */
export function intlHeatLineFormat(dateTime: (date: Date, options: HeatDateOptions) => string): HeatLineFormat {
  return {
    moment: (iso) =>
      dateTime(new Date(iso), {
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
      }),
    day: (iso) => dateTime(new Date(iso), { day: "numeric", month: "short", year: "numeric" }),
  };
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

function duration(seconds: number, t: Translate): string {
  const s = Math.max(0, seconds);
  if (s < MINUTE) return t("duration", { unit: "none", count: 0 });
  if (s < HOUR) return t("duration", { unit: "minute", count: Math.floor(s / MINUTE) });
  if (s < DAY) return t("duration", { unit: "hour", count: Math.floor(s / HOUR) });
  return t("duration", { unit: "day", count: Math.floor(s / DAY) });
}

const ago = (seconds: number, t: Translate) =>
  t("ago", { unit: seconds < HOUR ? "none" : "some", duration: duration(seconds, t) });

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const num = (v: unknown) => (typeof v === "number" ? v : Number(v) || 0);
const isLine = (v: unknown): v is HeatLine =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as HeatLine).key === "string" &&
  typeof (v as HeatLine).params === "object";

/**
 * Whether `t` has a message for `key`. next-intl's translators say so (`t.has`); asked for a missing
 * key they would otherwise log and return its path ("heatLines.some_key") rather than throw.
 */
function hasMessage(t: Translate, key: string): boolean {
  const has = (t as Translate & { has?: (key: string) => boolean }).has;
  return typeof has !== "function" || has(key);
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function dimensionLine(p: HeatLine["params"], t: Translate): string {
  let text = t("dimension", { dimension: str(p.dimension), status: str(p.status) });
  const value = typeof p.value === "string" ? p.value : null;
  const evidence = typeof p.evidence === "string" ? p.evidence : null;
  if (value !== null && evidence) text = t("dimensionValueQuote", { text, value, quote: quote(evidence) });
  else if (evidence) text = t("dimensionQuote", { text, quote: quote(evidence) });
  else if (value !== null) text = t("dimensionValue", { text, value });
  const source =
    typeof p.by === "string"
      ? p.by
      : typeof p.source === "string" && p.source !== "quote"
        ? t("evidenceSource", { kind: p.source })
        : null;
  return source ? t("dimensionSource", { text, source }) : text;
}

function dimensionList(names: string[], t: Translate, { midSentence = false } = {}): string {
  const words = names.map((dimension) => t("dimensionName", { dimension }));
  const text =
    words.length <= 1 ? (words[0] ?? "") : t("list", { head: words.slice(0, -1).join(", "), last: words.at(-1)! });
  return midSentence ? text : capitalize(text);
}

function until(expiresAt: unknown, t: Translate, format: HeatLineFormat): string {
  return typeof expiresAt === "string" ? t("until", { expiresAt: format.moment(expiresAt) }) : t("until_cleared");
}

function sentence(line: HeatLine, t: Translate, format: HeatLineFormat): string {
  const p = line.params;
  switch (line.key) {
    case "legacy":
      return str(p.text);
    case "bant_dimension":
      return dimensionLine(p, t);
    case "last_reply":
      return t("last_reply", { ago: ago(num(p.ageSeconds), t) });
    case "last_reply_within": {
      const hours = num(p.withinHours);
      const within = hours <= 24 ? t("hours", { count: hours }) : t("days", { count: hours / 24 });
      return t("last_reply_within", { ago: ago(num(p.ageSeconds), t), within });
    }
    case "answered_in":
    case "took_to_answer":
      return t(line.key, { duration: duration(num(p.seconds), t) });
    case "meeting_booked_for":
    case "meeting_booked_outcome_unknown":
    case "meeting_booked_plain":
      return t(line.key, {
        via: t("via", { source: typeof p.source === "string" && p.source ? p.source : "none" }),
        startsAt: typeof p.startsAt === "string" ? format.moment(p.startsAt) : "",
      });
    case "meeting_held": {
      const count = num(p.count);
      const lastAt = typeof p.lastAt === "string" ? format.day(p.lastAt) : null;
      if (count === 1) return lastAt ? t("meeting_held_once_on", { lastAt }) : t("meeting_held_once");
      return lastAt ? t("meetings_held_last_on", { count, lastAt }) : t("meetings_held", { count });
    }
    case "meetings_canceled":
    case "meetings_missed": {
      const text = t(line.key, { count: num(p.count) });
      return typeof p.maxCounted === "number" && num(p.count) > p.maxCounted
        ? t("at_most_counted", { text, max: p.maxCounted })
        : text;
    }
    case "silence_meeting_upcoming":
      return t(line.key, { startsAt: format.day(str(p.startsAt)) });
    case "disqualified_cap":
      return t(line.key, {
        dimensions: dimensionList(Array.isArray(p.dimensions) ? p.dimensions : [], t),
        cap: num(p.cap),
      });
    case "meeting_floor":
    case "meeting_floor_capped":
    case "meeting_floor_ended": {
      if (!hasMessage(t, line.key)) throw new Error(`No message for heat line ${line.key}`);
      const dimensions = Array.isArray(p.dimensions) ? p.dimensions : [];
      return t(line.key, {
        kind: str(p.kind),
        reason: str(p.reason),
        level: str(p.level),
        days: num(p.days),
        // A meeting still to come is a moment; one that took place is a day.
        at: typeof p.at === "string" ? (p.kind === "upcoming" ? format.moment(p.at) : format.day(p.at)) : "",
        until: typeof p.until === "string" ? format.moment(p.until) : "",
        capped: dimensions.length > 0 ? "yes" : "no",
        dimensions: dimensionList(dimensions, t, { midSentence: true }),
      });
    }
    case "no_longer_applies":
      return t(line.key, { text: isLine(p.line) ? sentence(p.line, t, format) : "" });
    case "override_pinned":
    case "level_pinned": {
      const end = until(p.expiresAt, t, format);
      return t(line.key, {
        by: str(p.by),
        level: str(p.level),
        reason: quote(str(p.reason)),
        at: typeof p.at === "string" ? format.moment(p.at) : "",
        until: typeof p.replacing === "string" ? t("replacing", { until: end, by: p.replacing }) : end,
      });
    }
    case "override_expired":
      return t(line.key, { level: str(p.level), by: str(p.by), expiresAt: format.moment(str(p.expiresAt)) });
    case "meeting_rescheduled_first_seen":
    case "meeting_rescheduled":
      return t(line.key, { meetingId: str(p.meetingId), startsAt: format.moment(str(p.startsAt)) });
    case "meeting_canceled_reason":
      return t(line.key, { reason: quote(str(p.reason)) });
    case "bant_score":
      return t(line.key, { from: num(p.from), to: num(p.to), points: formatPoints(num(p.to) - num(p.from)) });
    case "summary": {
      const [from, to] = [num(p.from), num(p.to)];
      const score =
        from === to
          ? t("summary_unchanged", { to })
          : t("summary_moved", { from, to, points: formatPoints(to - from) });
      const levels = { score, levelFrom: str(p.levelFrom), levelTo: str(p.levelTo) };
      if (p.levelFrom !== p.levelTo) return t(p.pinned ? "summary_level_override" : "summary_level", levels);
      return t(p.pinned ? "summary_pinned" : "summary_stays", levels);
    }
    default: {
      // A kind from a newer engine, or a catalogue not yet translated: the caller falls back.
      if (!hasMessage(t, line.key)) throw new Error(`No message for heat line ${line.key}`);
      const values: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(p)) if (typeof v === "string" || typeof v === "number") values[k] = v;
      return t(line.key, values);
    }
  }
}

/**
 * A stored explanation line in the reader's language. A line that is not a `{ key, params }` (data
 * from an older writer) or whose key has no message renders as its `text` parameter, else "".
 */
export function renderHeatLine(line: unknown, t: Translate, format: HeatLineFormat): string {
  if (typeof line === "string") return line;
  if (!isLine(line)) return "";
  let text: string;
  try {
    text = sentence(line, t, format);
  } catch {
    return str(line.params.text);
  }
  return typeof line.params.points === "number" && line.key !== "bant_score"
    ? t("withPoints", { text, points: formatPoints(line.params.points) })
    : text;
}

/** A reader's way of wording stored lines: `renderHeatLine` bound to their translator and format. */
export type HeatLineText = (line: unknown) => string;

export const heatLineText =
  (t: Translate, format: HeatLineFormat): HeatLineText =>
  (line) =>
    renderHeatLine(line, t, format);

/** Stored lines (a jsonb array of any age) as text, one per line; what is not an array renders as nothing. */
export const heatLinesText = (lines: unknown, text: HeatLineText): string[] =>
  Array.isArray(lines) ? lines.map(text).filter((line) => line !== "") : [];
