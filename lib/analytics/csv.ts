/**
 * One widget's numbers as CSV (`GET /api/v1/analytics?format=csv&widget=<name>`): one function
 * per widget turns its part of `Analytics` into a table, with the previous period next to the
 * current one where the widget has one. Widgets that hold a series and a summary (progression,
 * conversations) put both in one table, told apart by the `section` column. Empty cell = null
 * (a rate with nothing to divide by). docs/api/analytics.md describes every table.
 */
import Papa from "papaparse";
import { PIPELINE_STEPS } from "./funnel";
import {
  HEAT_LEVELS,
  type AgentsWidget,
  type Analytics,
  type ConversationsWidget,
  type HeatWidget,
  type MeetingsWidget,
  type PipelineWidget,
  type ProgressionWidget,
  type TeamWidget,
  type WidgetName,
} from "./types";

type Cell = string | number | null;

/** CSV names stay snake_case like the API's query parameters: meetingScheduled → meeting_scheduled. */
const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export type CsvTable = { fields: string[]; rows: Cell[][] };

const MEETING_METRICS = [
  ["qualified", "qualified"],
  ["booked", "booked"],
  ["held", "held"],
  ["no_show", "noShow"],
  ["canceled", "canceled"],
  ["from_agent_link", "fromAgentLink"],
  ["booked_otherwise", "bookedOtherwise"],
] as const satisfies readonly (readonly [string, keyof MeetingsWidget["current"]])[];

const CONVERSATION_METRICS = [
  ["inbound", "inbound"],
  ["outbound", "outbound"],
  ["first_response_ai_seconds", "firstResponseAi"],
  ["first_response_human_seconds", "firstResponseHuman"],
  ["takeover_rate", "takeoverRate"],
] as const satisfies readonly (readonly [string, keyof ConversationsWidget["current"]])[];

export function heatCsv(w: HeatWidget): CsvTable {
  return {
    fields: ["level", "now", "at_start", "change"],
    rows: HEAT_LEVELS.map((level) => [level, w.now[level], w.atStart[level], w.now[level] - w.atStart[level]]),
  };
}

export function pipelineCsv(w: PipelineWidget): CsvTable {
  return {
    fields: ["step", "current", "previous"],
    rows: PIPELINE_STEPS.map((step) => [snakeCase(step), w.current[step], w.previous[step]]),
  };
}

export function progressionCsv(w: ProgressionWidget): CsvTable {
  return {
    fields: ["section", "day", ...HEAT_LEVELS, "metric", "current", "previous"],
    rows: [
      ...w.days.map((d) => ["day", d.day, ...HEAT_LEVELS.map((level) => d[level]), null, null, null]),
      ["summary", null, ...HEAT_LEVELS.map(() => null), "median_seconds_to_hot", ...period(w.medianSecondsToHot)],
    ],
  };
}

export function meetingsCsv(w: MeetingsWidget): CsvTable {
  return {
    fields: ["metric", "current", "previous"],
    rows: MEETING_METRICS.map(([metric, key]) => [metric, w.current[key], w.previous[key]]),
  };
}

/** Per day one row per channel that carried a message (a quiet day: one row with no channel and zeros). */
export function conversationsCsv(w: ConversationsWidget): CsvTable {
  const blank = [null, null, null] as const;
  const days = w.days.flatMap((d) => {
    const channels = [...new Set([...Object.keys(d.inbound), ...Object.keys(d.outbound)])].sort();
    if (!channels.length) return [["day", d.day, null, 0, 0, ...blank]];
    return channels.map((c) => ["day", d.day, c, d.inbound[c] ?? 0, d.outbound[c] ?? 0, ...blank]);
  });
  const summary = CONVERSATION_METRICS.map(([metric, key]) => [
    "summary",
    null,
    null,
    null,
    null,
    metric,
    w.current[key],
    w.previous[key],
  ]);
  const status = (["open", "pending", "closed"] as const).map((s) => [
    "status",
    null,
    null,
    null,
    null,
    s,
    w.status[s],
    null,
  ]);
  return {
    fields: ["section", "day", "channel", "inbound", "outbound", "metric", "current", "previous"],
    rows: [...days, ...summary, ...status],
  };
}

export function agentsCsv(w: AgentsWidget): CsvTable {
  return {
    fields: [
      "agent_id",
      "name",
      "drafts",
      "approved",
      "edited",
      "rejected",
      "approval_rate",
      "avg_edit_distance",
      "meetings_booked",
      "leads_qualified",
    ],
    rows: w.rows.map((r) => [
      r.agentId,
      r.name,
      r.drafts,
      r.approved,
      r.edited,
      r.rejected,
      r.approvalRate,
      r.avgEditDistance,
      r.meetingsBooked,
      r.leadsQualified,
    ]),
  };
}

export function teamCsv(w: TeamWidget): CsvTable {
  return {
    fields: ["user_id", "name", ...HEAT_LEVELS, "total", "replies_sent", "meetings_held"],
    rows: w.rows.map((r) => [
      r.userId,
      r.name,
      ...HEAT_LEVELS.map((level) => r.leads[level]),
      r.leads.total,
      r.repliesSent,
      r.meetingsHeld,
    ]),
  };
}

function period<T extends Cell>(p: { current: T; previous: T }): [T, T] {
  return [p.current, p.previous];
}

const TABLES: { [K in WidgetName]: (w: Analytics[K]) => CsvTable } = {
  heat: heatCsv,
  pipeline: pipelineCsv,
  progression: progressionCsv,
  meetings: meetingsCsv,
  conversations: conversationsCsv,
  agents: agentsCsv,
  team: teamCsv,
};

/** The widget's table for `analytics` (which must hold that widget). */
export function widgetTable<K extends WidgetName>(widget: K, analytics: Pick<Analytics, K>): CsvTable {
  return TABLES[widget](analytics[widget]);
}

/**
 * The widget as CSV text. Cells a spreadsheet would run as a formula (a name starting with
 * = + - @) get a leading apostrophe; numbers are written as they are.
 */
export function widgetCsv<K extends WidgetName>(widget: K, analytics: Pick<Analytics, K>): string {
  const { fields, rows } = widgetTable(widget, analytics);
  return `${Papa.unparse({ fields, data: rows }, { newline: "\r\n", escapeFormulae: true })}\r\n`;
}

/** `kiln-heat-7d-2026-06-09_2026-06-15.csv`: the widget, the range and its local days. */
export function csvFilename(widget: WidgetName, range: Pick<Analytics["range"], "key" | "days">): string {
  const first = range.days[0] ?? "";
  const last = range.days.at(-1) ?? first;
  return `kiln-${widget}-${range.key}-${first}_${last}.csv`;
}
