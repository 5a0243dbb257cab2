/**
 * "Mark as held": Calendly never reports that a meeting took place, so its owner (or a
 * manager) does. The database decides who may and which meetings qualify
 * (private.mark_meeting_held, migration 20261130050000); this module turns the change into
 * the lead's timeline entry and the scoring engine's meeting_held signal, on the caller's
 * transaction so all of it commits or none of it does.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { invalid, notFound } from "@/lib/http/errors";
import { insertLeadEvent } from "@/lib/leads/events";
import { applySignals } from "@/lib/leads/signals";
import type { Actor } from "@/lib/leads/types";
import type { HeatLevel, HeatLine } from "@/lib/scoring";

type HeldRow = {
  id: string;
  org_id: string;
  lead_id: string;
  provider_invitee_uri: string | null;
  title: string;
  starts_at: Date;
  ends_at: Date;
};

export type MeetingHeld = {
  meetingId: string;
  leadId: string;
  heat: { level: HeatLevel; score: number; changed: { from: string; to: string } | null };
  /** The scoring engine's lines ({ key, params }): render with renderHeatLine. */
  lines: HeatLine[];
};

/**
 * Marks a started, scheduled meeting of `orgId` as held and counts it for the lead. Under
 * RLS the caller must be the meeting's owner or a manager (403 otherwise; 404 for a meeting
 * they cannot see); as the service role (the demo seed) only the meeting's state is checked.
 * 409 for a canceled, moved, no-show or already held meeting, 422 for one that has not
 * started. `note`: what came of it, kept on the meeting and quoted on the timeline.
 */
export async function markMeetingHeld(
  tx: Tx,
  input: { orgId: string; meetingId: string; actor: Actor; now?: Date; note?: string | null },
): Promise<MeetingHeld> {
  const now = input.now ?? new Date();
  let row: HeldRow | undefined;
  try {
    const { rows } = await tx.query<HeldRow>(
      `select id, org_id, lead_id, provider_invitee_uri, title, starts_at, ends_at from private.mark_meeting_held($1)`,
      [input.meetingId],
    );
    row = rows[0];
  } catch (error) {
    // The one outcome lib/http/errors.ts has no status for: a meeting that lies ahead. The
    // failed statement has aborted the caller's transaction, which the throw rolls back.
    if ((error as { hint?: string }).hint === "not_started") {
      throw invalid({ meetingId: ["dbMeetingNotStarted"] }, "meetingNotStarted");
    }
    throw error;
  }
  // The function checks membership, not which organization the caller is working in: a
  // meeting of their other organization is not this one's (the transaction is rolled back).
  if (!row || row.org_id !== input.orgId) throw notFound("meetingNotFound");

  const note = input.note?.trim() || null;
  if (note) await tx.query("select 1 from private.note_meeting_outcome($1, $2)", [row.id, note]);
  // Held "when it ended", or now for one marked while still running: never in the future.
  const at = new Date(Math.min(new Date(row.ends_at).getTime(), now.getTime())).toISOString();
  await insertLeadEvent(tx, {
    orgId: input.orgId,
    leadId: row.lead_id,
    type: "meeting_held",
    actor: input.actor,
    reasonKey: "meeting_held",
    // An untitled meeting keeps its empty title: the reader's language words the fallback.
    reasonParams: {
      title: row.title,
      startsAt: new Date(row.starts_at).toISOString(),
      ...(note ? { note: note.slice(0, 300) } : {}),
    },
    evidence: { kind: "meeting", ref: row.id },
    data: { meetingId: row.id },
  });
  // The engine knows a Calendly meeting by its invitee URI (the id its booking signal used).
  const outcome = await applySignals(tx, {
    orgId: input.orgId,
    leadId: row.lead_id,
    actor: input.actor,
    now,
    signals: [{ type: "meeting_held", at, meetingId: row.provider_invitee_uri ?? row.id }],
  });
  return {
    meetingId: row.id,
    leadId: row.lead_id,
    heat: {
      level: outcome.evaluation.heat.level,
      score: outcome.evaluation.heat.score,
      changed: outcome.heatLevelChanged,
    },
    lines: outcome.lines,
  };
}
