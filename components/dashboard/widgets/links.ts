/**
 * Where each number on the dashboard leads: the list behind it, with the filters that select
 * exactly what the number counts (lib/leads/schema.ts listLeadsQuerySchema, the inbox's own
 * filters). Pure, so tests can check a link against the numbers' definitions.
 */
import type { Analytics, Level } from "@/lib/analytics/types";
import type { LeadMeetingFilter } from "@/lib/leads/schema";
import type { PipelineStep } from "./math";
import { canonicalQuery } from "@/components/leads/query";
import { inboxHref } from "@/components/inbox/query";
import { withQuery } from "@/lib/client/url-view";
import type { BANT_DIMENSIONS } from "@/lib/scoring";

type BantDimension = (typeof BANT_DIMENSIONS)[number];

type Range = Analytics["range"];
export type Period = "current" | "previous";

type LeadFilter = {
  heat?: Level;
  status?: string;
  owner?: string;
  qualified?: boolean;
  confirmed?: BantDimension[];
  createdIn?: Period;
  qualifiedIn?: Period;
  meeting?: LeadMeetingFilter;
  meetingIn?: Period;
};

const bounds = (range: Range, period: Period): [string, string] =>
  period === "current" ? [range.from, range.to] : [range.previousFrom, range.previousTo];

/** `/leads?…` in the list's canonical form (components/leads/query.ts), scoped to the range's project. */
export function leadsHref(range: Range, filter: LeadFilter): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  set("heat", filter.heat);
  set("status", filter.status);
  set("owner", filter.owner);
  set("project", range.projectId ?? undefined);
  if (filter.qualified) params.set("qualified", "true");
  set("confirmed", filter.confirmed?.join(","));
  for (const [key, period] of [
    ["created", filter.createdIn],
    ["qualified", filter.qualifiedIn],
  ] as const) {
    if (!period) continue;
    const [from, to] = bounds(range, period);
    params.set(`${key}From`, from);
    params.set(`${key}To`, to);
  }
  set("meeting", filter.meeting);
  if (filter.meetingIn) {
    const [from, to] = bounds(range, filter.meetingIn);
    params.set("meetingFrom", from);
    params.set("meetingTo", to);
  }
  return withQuery("/leads", canonicalQuery(params));
}

/**
 * The funnel is a cohort (leads created in the period); each step adds its condition, as
 * PipelineSteps defines them: a BANT dimension confirmed, all four (qualified), a meeting
 * booked (or a status past it), a meeting held, won.
 */
export function pipelineStepHref(range: Range, step: PipelineStep, period: Period = "current"): string {
  const cohort = { createdIn: period };
  switch (step) {
    case "created":
      return leadsHref(range, cohort);
    case "budget":
    case "authority":
    case "need":
    case "timeline":
      return leadsHref(range, { ...cohort, confirmed: [step] });
    case "qualified":
      return leadsHref(range, { ...cohort, qualified: true });
    case "meetingScheduled":
      return leadsHref(range, { ...cohort, meeting: "booked" });
    case "meetingHeld":
      return leadsHref(range, { ...cohort, meeting: "held" });
    case "won":
      return leadsHref(range, { ...cohort, status: "won" });
  }
}

/** The inbox filtered to one conversation status or channel (its own filters; the inbox has no project filter). */
export function conversationsHref(filter: {
  status?: "open" | "pending" | "closed" | "all";
  channel?: string;
}): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.channel) params.set("channel", filter.channel);
  return inboxHref(params.toString());
}

/** The approvals queue of one agent (its own filters: agent, status; not limited to the period). */
export function approvalsHref(agentId: string, status?: "approved" | "rejected"): string {
  const params = new URLSearchParams({ agent: agentId });
  if (status) params.set("status", status);
  return `/approvals?${params.toString()}`;
}
