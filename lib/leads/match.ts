/**
 * Finding the lead behind an inbound contact (a phone number on WhatsApp or SMS, an
 * email from a booking), or creating it. Runs in a webhook's or job's transaction (service
 * role) after the organization has been resolved. Concurrent deliveries from the same new
 * number meet at the unique (org_id, phone) index, so they end on one lead.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import type { LeadSource } from "./schema";
import { insertLeadEvent } from "./events";
import type { Actor } from "./types";

export type MatchedLead = { id: string; ownerId: string | null; name: string; created: boolean; restored: boolean };

type Contact = { column: "phone" | "email"; value: string; name: string; source: LeadSource; actor: Actor };

/** The timeline says where the contact came from: a booking, or a message on its channel. */
const origin = (source: LeadSource) =>
  source === "calendly"
    ? ({ created: "created_from_booking", restored: "restored_from_booking", params: {} } as const)
    : ({ created: "created_from_message", restored: "restored_from_message", params: { channel: source } } as const);

async function matchOrCreate(tx: Tx, orgId: string, contact: Contact): Promise<MatchedLead> {
  const inserted = await tx.query<{ id: string; owner_id: string | null; name: string }>(
    `insert into public.leads (org_id, name, ${contact.column}, source)
     values ($1, $2, $3, $4)
     on conflict (org_id, ${contact.column}) where ${contact.column} is not null do nothing
     returning id, owner_id, name`,
    [orgId, contact.name.slice(0, 200), contact.value, contact.source],
  );
  if (inserted.rows[0]) {
    const lead = inserted.rows[0];
    await insertLeadEvent(tx, {
      orgId,
      leadId: lead.id,
      type: "created",
      actor: contact.actor,
      reasonKey: origin(contact.source).created,
      reasonParams: origin(contact.source).params,
      data: { source: contact.source },
    });
    return { id: lead.id, ownerId: lead.owner_id, name: lead.name, created: true, restored: false };
  }
  const { rows } = await tx.query<{ id: string; owner_id: string | null; name: string; deleted_at: Date | null }>(
    `select id, owner_id, name, deleted_at from public.leads where org_id = $1 and ${contact.column} = $2 for update`,
    [orgId, contact.value],
  );
  const lead = rows[0]!;
  // A deleted lead who writes again is back: restoring beats silently dropping the message.
  if (lead.deleted_at) {
    await tx.query("update public.leads set deleted_at = null, deleted_by = null where id = $1", [lead.id]);
    await insertLeadEvent(tx, {
      orgId,
      leadId: lead.id,
      type: "restored",
      actor: contact.actor,
      reasonKey: origin(contact.source).restored,
      reasonParams: origin(contact.source).params,
      data: {},
    });
  }
  return { id: lead.id, ownerId: lead.owner_id, name: lead.name, created: false, restored: Boolean(lead.deleted_at) };
}

export function matchLeadByPhone(
  tx: Tx,
  orgId: string,
  phone: string,
  contact: Omit<Contact, "column" | "value">,
): Promise<MatchedLead> {
  return matchOrCreate(tx, orgId, { ...contact, column: "phone", value: phone });
}

export function matchLeadByEmail(
  tx: Tx,
  orgId: string,
  email: string,
  contact: Omit<Contact, "column" | "value">,
): Promise<MatchedLead> {
  return matchOrCreate(tx, orgId, { ...contact, column: "email", value: email.trim().toLowerCase() });
}

/**
 * The live lead with this email address, without creating one: for mail that is no
 * person writing (an automatic reply, a newsletter), which must not add leads.
 */
export async function findLeadByEmail(
  tx: Tx,
  orgId: string,
  email: string,
): Promise<{ id: string; ownerId: string | null } | null> {
  const { rows } = await tx.query<{ id: string; owner_id: string | null }>(
    "select id, owner_id from public.leads where org_id = $1 and email = $2 and deleted_at is null",
    [orgId, email.trim().toLowerCase()],
  );
  return rows[0] ? { id: rows[0].id, ownerId: rows[0].owner_id } : null;
}

/**
 * The live leads among these addresses, without creating any: a calendar invitation's
 * attendees (lib/sync) attach to the leads that exist and add no one.
 */
export async function findLeadsByEmails(
  tx: Tx,
  orgId: string,
  emails: readonly string[],
): Promise<{ id: string; email: string; ownerId: string | null }[]> {
  if (!emails.length) return [];
  const { rows } = await tx.query<{ id: string; email: string; owner_id: string | null }>(
    "select id, email, owner_id from public.leads where org_id = $1 and email = any($2::text[]) and deleted_at is null order by email",
    [orgId, emails.map((e) => e.trim().toLowerCase())],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, ownerId: r.owner_id }));
}
