/**
 * A lead's status and owner changed by an inbound event (a Calendly booking) rather than
 * by a person editing the lead. The lead's state machine stays here, so an integration
 * says what happened and lib/leads decides what it means for the lead.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { insertStatusChange } from "./events";
import type { Actor } from "./types";

/**
 * A booked meeting moves the lead forward to meeting_scheduled, never back from won, lost
 * or disqualified. Returns the status it moved from (null when it stayed).
 */
export async function markMeetingScheduled(
  tx: Tx,
  input: { orgId: string; leadId: string; actor: Actor },
): Promise<string | null> {
  const { orgId, leadId, actor } = input;
  const { rows } = await tx.query<{ from: string }>(
    `update public.leads l set status = 'meeting_scheduled' from (select status from public.leads where id = $1) old
      where l.id = $1 and l.status in ('new', 'contacted', 'qualified') returning old.status as "from"`,
    [leadId],
  );
  const from = rows[0]?.from ?? null;
  if (from) await insertStatusChange(tx, { orgId, leadId, actor, from, to: "meeting_scheduled" });
  return from;
}

/**
 * Gives a lead that an inbound contact just created its first owner (the integration's
 * default owner). No timeline entry of its own: the "created" entry is the lead's start.
 */
export async function assignFirstOwner(tx: Tx, input: { leadId: string; ownerId: string }): Promise<void> {
  await tx.query("update public.leads set owner_id = $2 where id = $1", [input.leadId, input.ownerId]);
}
