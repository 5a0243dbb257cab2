/**
 * The dashboard's numbers: one shape for the page, the API (`GET /api/v1/analytics`), the CSV
 * export, the PDF and the scheduled reports. Two implementations fill it and must agree:
 * `rollups` (what requests use) and `direct` (aggregates over the source tables; the
 * ground truth for tests and the benchmark's baseline).
 *
 * Conventions:
 * - Everything counts only what the caller may see (RLS): a restricted rep sees the numbers of
 *   the leads they can list (their own and unassigned), managers see the organization's.
 *   Activity (messages, meetings, approvals) is attributed to its lead's current project and owner.
 * - Soft-deleted leads and everything attributed to them are left out.
 * - `current` covers [from, to), `previous` the period of the same length just before it.
 * - Days are calendar days in `range.timeZone` (the user's zone), ending at local midnight;
 *   rollups are kept per UTC hour, so zones with whole-hour offsets are exact.
 * - Rates are fractions 0..1 or null when the denominator is 0; durations are seconds.
 */
export const HEAT_LEVELS = ["cold", "warm", "hot", "burning"] as const;
export type Level = (typeof HEAT_LEVELS)[number];
export type HeatCounts = Record<Level, number>;

export const WIDGETS = ["heat", "pipeline", "progression", "meetings", "conversations", "agents", "team"] as const;
export type WidgetName = (typeof WIDGETS)[number];

export const RANGE_KEYS = ["24h", "7d", "30d", "90d", "custom"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

/** What a caller asks for, resolved (see range.ts). Instants are UTC; `days` are local dates. */
export type AnalyticsQuery = {
  range: RangeKey;
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  timeZone: string;
  /** null: all projects. */
  projectId: string | null;
  /** Local calendar days (YYYY-MM-DD) the range touches, oldest first. */
  days: string[];
};

export type Period<T> = { current: T; previous: T };

/** HEAT distribution now, and where the same leads stood at the start of the range. */
export type HeatWidget = {
  now: HeatCounts;
  /** Distribution at `from` (the end of the previous period), for "change against the previous period". */
  atStart: HeatCounts;
};

/** Cohort funnel: leads created in the period, and how far each has come by now. */
export type PipelineSteps = {
  created: number;
  budget: number; // BANT budget confirmed
  authority: number;
  need: number;
  timeline: number;
  qualified: number; // all four confirmed
  meetingScheduled: number; // at least one meeting booked (or status meeting_scheduled / won)
  meetingHeld: number; // at least one meeting held
  won: number; // status won
};
export type PipelineWidget = Period<PipelineSteps>;

export type ProgressionDay = { day: string } & HeatCounts; // leads at each level at the end of `day`
export type ProgressionWidget = {
  days: ProgressionDay[];
  /** Median time from a lead's creation (cold or warm) to its first hot or burning, for leads that got hot in the period. */
  medianSecondsToHot: Period<number | null>;
};

/**
 * Meeting conversion (activity-rollups.ts / direct-activity.ts). A "booking" is a meeting row
 * not replaced by a reschedule (the replacement is the booking from then on), counted in the
 * period of its booking time (booked_at, else created_at); held / noShow / canceled say how
 * those bookings stand now, so they are a cohort of the period's bookings.
 */
export type MeetingStats = {
  qualified: number; // leads that became BANT-qualified in the period (bant_qualified timeline events; a lead qualifying again counts again)
  booked: number; // meetings booked in the period (booked_at, else created_at)
  held: number; // of those, held (completed and not a no-show)
  noShow: number; // of those, marked as a no-show
  canceled: number; // of those, canceled (a reschedule is not a cancellation)
  /**
   * Booked through an AI agent's scheduling link: in the 14 days before the booking, an approved
   * or auto-sent draft of that agent to the same lead carried the link the draft offered (the lead
   * owner's default Calendly event type, the agent's own, else the connected Calendly page).
   * Decided when the meeting is written (meetings.agent_id).
   */
  fromAgentLink: number;
  bookedOtherwise: number; // booked - fromAgentLink
};
export type MeetingsWidget = Period<MeetingStats>;

export type ChannelCounts = Record<string, number>; // medium → count ("sms", "whatsapp", …)
/** Messages written on each local day of the current period, by medium (every medium seen in the period on every day). */
export type ConversationsDay = { day: string; inbound: ChannelCounts; outbound: ChannelCounts };
export type ConversationStats = {
  inbound: number; // messages from leads written in the period (automatic replies and bounces are none)
  outbound: number; // messages to leads written in the period (any delivery status, failed included)
  /**
   * Median seconds from a lead's message to the first reply, by who wrote the reply. A first
   * response is an outbound message whose previous message in the thread (by created_at, id),
   * automatic replies and bounces skipped, is the lead's; it is timed from the first of the
   * lead's unanswered messages and counted in the period of the reply. From a histogram of bins
   * about 2% wide, interpolated: within 2% of the exact median (within a second under a minute),
   * whole seconds.
   */
  firstResponseAi: number | null; // an AI draft approved (or auto-sent): author_type agent
  firstResponseHuman: number | null; // written by a person: author_type user
  /**
   * Of the conversations started in the period (created_at) in which an agent drafted a reply
   * (any message_approval task), the share a person answers now (mode human: taken over and not
   * handed back). A cohort of the period's conversations, so it adds up over hours.
   */
  takeoverRate: number | null;
};
export type ConversationsWidget = Period<ConversationStats> & {
  days: ConversationsDay[];
  /** Conversations by status now. */
  status: { open: number; pending: number; closed: number };
};

/**
 * One AI agent in the current period. Drafts are reply drafts (message_approval tasks) created in
 * the period; decisions (approved, edited, rejected, edit distance) are counted in the period they
 * were made, so approvalRate is over the period's decisions. Expired and superseded drafts count
 * only as drafts.
 */
export type AgentRow = {
  agentId: string;
  name: string; // ai_agents.name
  drafts: number;
  approved: number; // approved as drafted or edited (auto-sent included)
  edited: number; // approved with changes
  rejected: number;
  approvalRate: number | null; // approved / (approved + rejected)
  avgEditDistance: number | null; // Levenshtein distance draft → sent, averaged over approved drafts
  meetingsBooked: number; // bookings in the period that came from its scheduling link (MeetingStats.fromAgentLink)
  leadsQualified: number; // bant_qualified events in the period written with one of its drafts (same transaction)
};
/** Current period; every active agent (zeros included) and inactive ones with activity, by name. */
export type AgentsWidget = { rows: AgentRow[] };

export type TeamRow = {
  userId: string;
  name: string;
  leads: HeatCounts & { total: number }; // owned now
  repliesSent: number; // outbound messages the person wrote (by created_at) plus AI drafts they approved (by decided_at), in the period
  meetingsHeld: number; // held meetings (completed, not a no-show) that started in the period, on leads they own now
};
/** Managers and above see every member; a rep sees only their own row. */
export type TeamWidget = { rows: TeamRow[] };

export type Analytics = {
  range: {
    key: RangeKey;
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
    timeZone: string;
    projectId: string | null;
    days: string[];
  };
  generatedAt: string;
  heat: HeatWidget;
  pipeline: PipelineWidget;
  progression: ProgressionWidget;
  meetings: MeetingsWidget;
  conversations: ConversationsWidget;
  agents: AgentsWidget;
  team: TeamWidget;
};

/** Some widgets only (the API's `widget=`): `range` and `generatedAt` always, each widget when asked for. */
export type PartialAnalytics = Pick<Analytics, "range" | "generatedAt"> & Partial<Pick<Analytics, WidgetName>>;
