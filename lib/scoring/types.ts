import { z } from "zod";
import type { HeatLine } from "./lines";

/**
 * The shapes the scoring engine reads and writes. Every type here is inferred from its schema, so
 * what the database stores (jsonb) and what the engine returns are the same thing.
 *
 * Timestamps are ISO-8601 strings in UTC (`2026-01-14T10:00:00.000Z`). Schemas accept a `Date` or
 * any ISO string with an offset and normalise it, so values read from Postgres or a webhook can be
 * passed as they are.
 */

export const timestampSchema = z
  .union([z.date(), z.iso.datetime({ offset: true })], { error: "Expected an ISO-8601 timestamp or a Date." })
  .transform((value) => (value instanceof Date ? value : new Date(value)).toISOString());
export type Timestamp = z.infer<typeof timestampSchema>;

// ---------------------------------------------------------------------------------------------
// BANT

export const BANT_DIMENSIONS = ["budget", "authority", "need", "timeline"] as const;
export const bantDimensionNameSchema = z.enum(BANT_DIMENSIONS);
/** One of the four BANT dimensions: budget, authority, need, timeline. */
export type BantDimensionName = z.infer<typeof bantDimensionNameSchema>;

export const BANT_STATUSES = ["unknown", "partial", "confirmed", "disqualified"] as const;
export const bantStatusSchema = z.enum(BANT_STATUSES);
export type BantStatus = z.infer<typeof bantStatusSchema>;

export const EVIDENCE_KINDS = ["quote", "message", "meeting", "user", "import", "system"] as const;
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

/** Where a BANT value came from. `by` is shown as written ("set by Maya Chen"). */
export const evidenceSchema = z.object({
  kind: evidenceKindSchema,
  /** A quote from the lead, shown in explanations (truncated there with …). */
  text: z.string().trim().min(1).max(500).optional(),
  /** The message, meeting or user id the evidence points at. */
  ref: z.string().trim().min(1).max(200).optional(),
  by: z.string().trim().min(1).max(200).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** A short value: the budget with its currency, the person's role, the need, a target date. Blank means none. */
export const bantValueSchema = z
  .string()
  .trim()
  .max(200)
  .nullable()
  .transform((value) => (value === "" ? null : value));

export const bantDimensionSchema = z.object({
  status: bantStatusSchema.default("unknown"),
  value: bantValueSchema.default(null),
  evidence: evidenceSchema.nullable().default(null),
});
export type BantDimension = z.infer<typeof bantDimensionSchema>;

const unknownDimension = (): BantDimension => ({ status: "unknown", value: null, evidence: null });

export const bantSchema = z.object({
  budget: bantDimensionSchema.default(unknownDimension),
  authority: bantDimensionSchema.default(unknownDimension),
  need: bantDimensionSchema.default(unknownDimension),
  timeline: bantDimensionSchema.default(unknownDimension),
});
export type Bant = z.infer<typeof bantSchema>;

/** Sets one dimension exactly: `value` and `evidence` are required, `null` clears them. */
export const bantUpdateSchema = z.object({
  dimension: bantDimensionNameSchema,
  status: bantStatusSchema,
  value: bantValueSchema,
  evidence: evidenceSchema.nullable(),
});
export type BantUpdate = z.infer<typeof bantUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// HEAT

export const HEAT_LEVELS = ["cold", "warm", "hot", "burning"] as const;
export const heatLevelSchema = z.enum(HEAT_LEVELS);
export type HeatLevel = z.infer<typeof heatLevelSchema>;

const overrideReasonSchema = z.string().trim().min(1, "overrideReasonRequired").max(500);
/** Who acted, as shown in explanations ("Maya Chen"). */
const actorSchema = z.string().trim().min(1).max(200);

/** A manager pinning the level. It holds until cleared, or until `expiresAt` when one is set. */
export const heatOverrideSchema = z.object({
  level: heatLevelSchema,
  reason: overrideReasonSchema,
  by: actorSchema,
  at: timestampSchema,
  expiresAt: timestampSchema.nullable().default(null),
});
export type HeatOverride = z.infer<typeof heatOverrideSchema>;

export const heatSchema = z.object({
  level: heatLevelSchema.default("cold"),
  score: z.int().min(0).max(100).default(0),
  override: heatOverrideSchema.nullable().default(null),
});
export type Heat = z.infer<typeof heatSchema>;

// ---------------------------------------------------------------------------------------------
// Engagement: what the engine remembers per lead to recompute heat at any moment.

export const meetingIdSchema = z.string().trim().min(1).max(200);

export const MEETING_STATUSES = ["booked", "held", "canceled", "no_show", "rescheduled"] as const;
/** `rescheduled` marks a meeting id that was replaced by another one (the meeting moved). */
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const trackedMeetingSchema = z.object({
  id: meetingIdSchema,
  status: meetingStatusSchema,
  startsAt: timestampSchema.nullable().default(null),
  /** Where it was booked ("Calendly"), for explanations. */
  source: z.string().trim().min(1).max(60).nullable().default(null),
});
export type TrackedMeeting = z.infer<typeof trackedMeetingSchema>;

/** How many meetings a lead remembers by id (for de-duplication); the oldest finished ones go first. */
export const MAX_TRACKED_MEETINGS = 20;

const count = z.int().min(0).default(0);
const maybeTimestamp = timestampSchema.nullable().default(null);

export const engagementStateSchema = z.object({
  /** The lead's latest message to us. */
  lastInboundAt: maybeTimestamp,
  /** Our latest message to the lead. */
  lastOutboundAt: maybeTimestamp,
  /** How long the lead took to answer our last outbound message, in seconds. */
  lastResponseSeconds: z.number().min(0).nullable().default(null),
  /** The latest thing the lead did: replied, booked, rescheduled or attended a meeting. */
  lastLeadActivityAt: maybeTimestamp,
  /** Distinct meetings seen booked. */
  meetingsBooked: count,
  meetingsHeld: count,
  meetingCancellations: count,
  meetingNoShows: count,
  lastMeetingBookedAt: maybeTimestamp,
  lastMeetingHeldAt: maybeTimestamp,
  /** The next booked meeting still to come, as of the last evaluation. */
  nextMeetingAt: maybeTimestamp,
  meetings: z.array(trackedMeetingSchema).max(MAX_TRACKED_MEETINGS).default([]),
  /** When heat was last computed; lets the next evaluation explain what time alone changed. */
  lastEvaluatedAt: maybeTimestamp,
});
export type EngagementState = z.infer<typeof engagementStateSchema>;

/** Everything the engine needs about one lead. Missing parts default to an empty lead. */
export const leadScoringStateSchema = z.object({
  bant: bantSchema.default(() => bantSchema.parse({})),
  heat: heatSchema.default(() => heatSchema.parse({})),
  engagement: engagementStateSchema.default(() => engagementStateSchema.parse({})),
});
export type LeadScoringState = z.infer<typeof leadScoringStateSchema>;
/** What `evaluate` accepts: a stored state, possibly with fields missing (they take their defaults). */
export type LeadScoringInput = z.input<typeof leadScoringStateSchema>;

// ---------------------------------------------------------------------------------------------
// Signals: the events that move a lead's scores.

const at = timestampSchema;

export const signalSchema = z.discriminatedUnion("type", [
  /** The lead wrote to us. `responseSeconds` if known; otherwise measured from our last outbound message. */
  z.object({ type: z.literal("inbound_reply"), at, responseSeconds: z.number().min(0).optional() }),
  z.object({ type: z.literal("outbound_message"), at }),
  z.object({
    type: z.literal("meeting_booked"),
    at,
    meetingId: meetingIdSchema,
    startsAt: timestampSchema,
    source: z.string().trim().min(1).max(60).optional(),
  }),
  /** The meeting moved. `previousMeetingId` when the scheduler gives the moved meeting a new id. */
  z.object({
    type: z.literal("meeting_rescheduled"),
    at,
    meetingId: meetingIdSchema,
    startsAt: timestampSchema,
    previousMeetingId: meetingIdSchema.optional(),
  }),
  z.object({ type: z.literal("meeting_held"), at, meetingId: meetingIdSchema }),
  z.object({
    type: z.literal("meeting_canceled"),
    at,
    meetingId: meetingIdSchema,
    reason: z.string().trim().min(1).max(500).optional(),
  }),
  z.object({ type: z.literal("meeting_no_show"), at, meetingId: meetingIdSchema }),
  z.object({ type: z.literal("meeting_no_show_cleared"), at, meetingId: meetingIdSchema }),
  bantUpdateSchema.extend({ type: z.literal("bant_update"), at: timestampSchema.optional() }),
  z
    .object({
      type: z.literal("heat_override"),
      level: heatLevelSchema,
      reason: overrideReasonSchema,
      by: actorSchema,
      at,
      expiresAt: timestampSchema.nullable().optional(),
    })
    .refine((s) => !s.expiresAt || s.expiresAt > s.at, {
      message: "overrideExpiryAfterSet",
      path: ["expiresAt"],
    }),
  z.object({ type: z.literal("heat_override_cleared"), by: actorSchema, at }),
  /** A re-evaluation with no new event: the daily job, or a first computation after an import. */
  z.object({ type: z.literal("decay"), at }),
]);
export type Signal = z.infer<typeof signalSchema>;
export type SignalInput = z.input<typeof signalSchema>;
export type SignalType = Signal["type"];
export type SignalOf<T extends SignalType> = Extract<Signal, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Results

export const HEAT_SIGNALS = [
  "bant.budget",
  "bant.authority",
  "bant.need",
  "bant.timeline",
  "reply_recency",
  "response_speed",
  "meeting_booked",
  "meeting_held",
  "meeting_canceled",
  "meeting_no_show",
  "silence",
  "bounds",
  "disqualified",
  "meeting_floor",
] as const;
/** A stable key per heat rule, for the UI breakdown and for translation. */
export type HeatSignal = (typeof HEAT_SIGNALS)[number];

/** One line of the heat breakdown. The points of all contributions add up to the heat score. */
export type HeatContribution = {
  signal: HeatSignal;
  points: number;
  /** What the rule saw, as a key and parameters: render it with `renderHeatLine`. */
  line: HeatLine;
};

export type EvaluationChanges = {
  /** Dimensions whose status, value or evidence changed. */
  bantChanged: BantDimensionName[];
  /** Set when the (effective) level moved: emit a "heat level changed" event. */
  heatLevelChanged: { from: HeatLevel; to: HeatLevel } | null;
  heatScoreDelta: number;
  bantScoreDelta: number;
  /** All four dimensions are confirmed now and were not before: emit a "BANT qualified" event. */
  becameBantQualified: boolean;
  /** A dimension is disqualified now and none was before. */
  becameDisqualified: boolean;
};

export type Evaluation = {
  bant: Bant;
  heat: Heat;
  engagement: EngagementState;
  bantScore: number;
  changes: EvaluationChanges;
  /**
   * Lines, each naming what moved heat and by how many points (heat points), as keys and
   * parameters: stored as they are, worded for each reader by `renderHeatLine`.
   */
  explanation: HeatLine[];
  /** One line, rendered "Heat 36 → 61 (+25): warm → hot". */
  summary: HeatLine;
  /** The full breakdown of the new heat score. */
  contributions: HeatContribution[];
  /** Bumped whenever a rule, weight or threshold changes; store it with the timeline event. */
  rulesVersion: number;
};
