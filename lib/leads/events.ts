/**
 * The only writer of a lead's timeline (`public.lead_events`). Every module that records
 * something on a lead (signals, edits, imports, meetings, approvals) calls these, so the
 * row shape (actor columns, the actor's name for non-users, the reason's length cap) is
 * decided once.
 */
import type { Tx } from "@/lib/db";
import { capReasonParams, type ReasonKey, type ReasonParams } from "./reasons";
import type { LeadEventType } from "./schema";
import type { Actor } from "./types";
import { announceLeadEvents } from "./webhooks";

export type LeadEventInput = {
  orgId: string;
  leadId: string;
  type: LeadEventType;
  actor: Actor;
  /** Free text as a person typed it (a note, an override's reason): stored and shown as written. */
  reason?: string | null;
  /** Everything else: what the entry's text is rendered from at read time (reasons.ts). */
  reasonKey?: ReasonKey | null;
  reasonParams?: ReasonParams;
  evidence?: unknown;
  data?: Record<string, unknown>;
};

// The table caps reason at 2000 characters; a longer note or explanation is cut, not refused.
const MAX_REASON = 2000;

function toRow(event: LeadEventInput) {
  return {
    org_id: event.orgId,
    lead_id: event.leadId,
    type: event.type,
    actor_type: event.actor.type,
    actor_id: event.actor.type === "user" ? event.actor.id : null,
    reason: event.reason ? event.reason.slice(0, MAX_REASON) : null,
    reason_key: event.reasonKey ?? null,
    reason_params: capReasonParams(event.reasonParams ?? {}),
    evidence: event.evidence ?? null,
    // Users are resolved by actor_id at read time; agents, jobs and webhooks have no profile.
    data: {
      ...(event.actor.type !== "user" && event.actor.name ? { actorName: event.actor.name } : {}),
      ...event.data,
    },
  };
}

/** Appends one event to a lead's timeline. */
export async function insertLeadEvent(tx: Tx, event: LeadEventInput): Promise<void> {
  const row = toRow(event);
  await tx.query(
    `insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason, reason_key, reason_params, evidence, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.org_id,
      row.lead_id,
      row.type,
      row.actor_type,
      row.actor_id,
      row.reason,
      row.reason_key,
      row.reason_params,
      row.evidence,
      row.data,
    ],
  );
  await announceLeadEvents(tx, [event]);
}

/**
 * Appends many events in one statement (imports and bulk edits write thousands at once;
 * one multi-row insert instead of a round trip per lead).
 */
export async function insertLeadEvents(tx: Tx, events: readonly LeadEventInput[]): Promise<void> {
  if (!events.length) return;
  await tx.query(
    `insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason, reason_key, reason_params, evidence, data)
     select r.org_id, r.lead_id, r.type, r.actor_type, r.actor_id, r.reason, r.reason_key, r.reason_params, r.evidence, r.data
       from jsonb_to_recordset($1::jsonb) as r(org_id uuid, lead_id uuid, type text, actor_type text, actor_id uuid,
                                                reason text, reason_key text, reason_params jsonb, evidence jsonb, data jsonb)`,
    [JSON.stringify(events.map(toRow))],
  );
  await announceLeadEvents(tx, events);
}

/** A status change on the timeline: the same entry whether a person or an integration made it. */
export function insertStatusChange(
  tx: Tx,
  change: { orgId: string; leadId: string; actor: Actor; from: string; to: string },
): Promise<void> {
  const { orgId, leadId, actor, from, to } = change;
  return insertLeadEvent(tx, {
    orgId,
    leadId,
    type: "status_changed",
    actor,
    reasonKey: "status_changed",
    reasonParams: { from, to },
    data: { from, to },
  });
}
