/**
 * Turning activity aggregates into the widgets' shapes, shared by the rollup readers
 * (activity-rollups.ts) and the direct aggregates (direct-activity.ts): both produce the same
 * rows, so the numbers can only differ in where the counts came from, never in how they are
 * put together.
 */
import { medianFromHistogram, type Bin } from "./histogram";
import type {
  AgentRow,
  AnalyticsQuery,
  ChannelCounts,
  ConversationStats,
  ConversationsDay,
  ConversationsWidget,
  MeetingStats,
  MeetingsWidget,
} from "./types";

/**
 * First-response histogram bins (private.analytics_response_bin in the migration): bin b holds
 * durations s with floor(ln(1 + s) * 50) = b, i.e. [e^(b/50) − 1, e^((b+1)/50) − 1) seconds.
 * Each bin is about 2% wider than the one before, so the interpolated median is within 2% of
 * the exact lower median (and within a second for answers under a minute).
 */
export const RESPONSE_BINS_PER_E = 50;
const responseBinEdge = (bin: number) => Math.expm1(bin / RESPONSE_BINS_PER_E);

export type { Bin };

/** The median first response in whole seconds; null when empty. */
export function medianSeconds(bins: Bin[]): number | null {
  const median = medianFromHistogram(bins, responseBinEdge);
  return median === null ? null : Math.round(median);
}

export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

export type MeetingCounts = {
  qualified: number;
  booked: number;
  held: number;
  noShow: number;
  canceled: number;
  fromAgentLink: number;
};

export const meetingStats = (c: MeetingCounts): MeetingStats => ({
  ...c,
  bookedOtherwise: c.booked - c.fromAgentLink,
});

/** One row per local day of the range, every medium seen in the range on every day (zeros included). */
export function conversationDays(
  days: string[],
  rows: { day: string; medium: string; direction: "inbound" | "outbound"; n: number }[],
): ConversationsDay[] {
  const mediums = [...new Set(rows.map((r) => r.medium))].sort();
  const empty = (): ChannelCounts => Object.fromEntries(mediums.map((m) => [m, 0]));
  const byDay = new Map(days.map((day) => [day, { day, inbound: empty(), outbound: empty() }]));
  for (const r of rows) {
    const entry = byDay.get(r.day);
    if (entry) entry[r.direction][r.medium] = (entry[r.direction][r.medium] ?? 0) + r.n;
  }
  return days.map((day) => byDay.get(day)!);
}

/** The meetings widget from its counts: c_booked, c_held, c_no_show, c_canceled, c_agent, c_qualified and p_ for the previous period. */
export function meetingsShape(counts: { [key: string]: number }): MeetingsWidget {
  const stats = (p: "c" | "p") =>
    meetingStats({
      qualified: counts[`${p}_qualified`] ?? 0,
      booked: counts[`${p}_booked`] ?? 0,
      held: counts[`${p}_held`] ?? 0,
      noShow: counts[`${p}_no_show`] ?? 0,
      canceled: counts[`${p}_canceled`] ?? 0,
      fromAgentLink: counts[`${p}_agent`] ?? 0,
    });
  return { current: stats("c"), previous: stats("p") };
}

export type ConversationRows = {
  /** c_in, c_out, c_handled, c_taken and the same with p_ for the previous period. */
  totals: { [key: string]: number };
  days: { day: string; medium: string; direction: "inbound" | "outbound"; n: number }[];
  bins: (Bin & { period: "c" | "p"; responder: "ai" | "human" })[];
  status: { status: "open" | "pending" | "closed"; n: number }[];
};

/** The conversations widget from its aggregates, whichever source counted them. */
export function conversationsShape(q: AnalyticsQuery, rows: ConversationRows): ConversationsWidget {
  const t = rows.totals;
  const stats = (p: "c" | "p"): ConversationStats => ({
    inbound: t[`${p}_in`] ?? 0,
    outbound: t[`${p}_out`] ?? 0,
    firstResponseAi: medianSeconds(rows.bins.filter((b) => b.period === p && b.responder === "ai")),
    firstResponseHuman: medianSeconds(rows.bins.filter((b) => b.period === p && b.responder === "human")),
    takeoverRate: ratio(t[`${p}_taken`] ?? 0, t[`${p}_handled`] ?? 0),
  });
  const byStatus = Object.fromEntries(rows.status.map((s) => [s.status, s.n]));
  return {
    current: stats("c"),
    previous: stats("p"),
    days: conversationDays(q.days, rows.days),
    status: { open: byStatus.open ?? 0, pending: byStatus.pending ?? 0, closed: byStatus.closed ?? 0 },
  };
}

export type AgentCounts = {
  agentId: string;
  drafts: number;
  approved: number;
  edited: number;
  rejected: number;
  editDistance: number;
  meetingsBooked: number;
  leadsQualified: number;
};

/**
 * The agents widget's rows: every active agent, and any other agent with activity in the
 * period; by name. Activity of deleted agents (no agent any more) is left out.
 */
export function agentRows(agents: { id: string; name: string; active: boolean }[], counts: AgentCounts[]): AgentRow[] {
  const byAgent = new Map(counts.map((c) => [c.agentId, c]));
  return agents
    .filter((a) => a.active || byAgent.has(a.id))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((a) => {
      const c = byAgent.get(a.id);
      const approved = c?.approved ?? 0;
      const rejected = c?.rejected ?? 0;
      return {
        agentId: a.id,
        name: a.name,
        drafts: c?.drafts ?? 0,
        approved,
        edited: c?.edited ?? 0,
        rejected,
        approvalRate: ratio(approved, approved + rejected),
        avgEditDistance: ratio(c?.editDistance ?? 0, approved),
        meetingsBooked: c?.meetingsBooked ?? 0,
        leadsQualified: c?.leadsQualified ?? 0,
      };
    });
}

/** Merges per-agent partial counts (drafts, meetings, qualifications come from different tables). */
export function mergeAgentCounts(...parts: Partial<AgentCounts>[][]): AgentCounts[] {
  const merged = new Map<string, AgentCounts>();
  for (const part of parts)
    for (const p of part) {
      if (!p.agentId) continue;
      const into = merged.get(p.agentId) ?? {
        agentId: p.agentId,
        drafts: 0,
        approved: 0,
        edited: 0,
        rejected: 0,
        editDistance: 0,
        meetingsBooked: 0,
        leadsQualified: 0,
      };
      for (const key of [
        "drafts",
        "approved",
        "edited",
        "rejected",
        "editDistance",
        "meetingsBooked",
        "leadsQualified",
      ] as const)
        into[key] += Number(p[key] ?? 0);
      merged.set(p.agentId, into);
    }
  return [...merged.values()];
}

export type TeamActivity = Map<string, { repliesSent: number; meetingsHeld: number }>;

export function teamActivityMap(
  replies: { userId: string; n: number }[],
  held: { userId: string; n: number }[],
): TeamActivity {
  const out: TeamActivity = new Map();
  const entry = (id: string) => {
    const e = out.get(id) ?? { repliesSent: 0, meetingsHeld: 0 };
    out.set(id, e);
    return e;
  };
  for (const r of replies) entry(r.userId).repliesSent += r.n;
  for (const h of held) entry(h.userId).meetingsHeld += h.n;
  return out;
}
