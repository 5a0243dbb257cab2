/**
 * Whether mail reaches a lead: a hard bounce (an RFC 3463 status 5.x.x reported by a mail
 * server) marks the lead's address undeliverable; changing the address clears the mark (a
 * trigger, private.clear_email_undeliverable). Runs in the inbound-email handler's
 * transaction (service role) after its organization was resolved.
 */
import "server-only";
import type { Tx } from "@/lib/db";

/** Marks the organization's leads with one of `emails` as undeliverable; returns their ids. */
export async function markEmailUndeliverable(
  tx: Tx,
  orgId: string,
  input: { emails: string[]; status: string; at: Date },
): Promise<string[]> {
  if (!input.emails.length || !/^5\.\d{1,3}\.\d{1,3}$/.test(input.status)) return [];
  const { rows } = await tx.query<{ id: string }>(
    `update public.leads set email_undeliverable_at = $3, email_undeliverable_status = $4
      where org_id = $1 and email = any ($2::text[]) and deleted_at is null
      returning id`,
    [orgId, input.emails.map((e) => e.trim().toLowerCase()), input.at, input.status],
  );
  return rows.map((r) => r.id);
}
