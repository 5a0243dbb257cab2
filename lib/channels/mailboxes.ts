/**
 * Mailboxes: email channels (provider and capability `email`), whose address is the
 * lower-cased address mail is sent to (sales@acme.example). Inbound email reaches the
 * organization through its signed URL (lib/email) and files under the mailbox it was sent to.
 * Admins add them under RLS, like numbers.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { conflict } from "@/lib/http/errors";
import type { CreateMailboxInput } from "./schema";

export type Mailbox = { id: string; address: string; label: string; active: boolean };

export async function listMailboxes(tx: Tx, orgId: string): Promise<Mailbox[]> {
  const { rows } = await tx.query<Mailbox>(
    `select id, address, label, active from public.channels
      where org_id = $1 and provider = 'email' order by active desc, created_at, id`,
    [orgId],
  );
  return rows;
}

export async function createMailbox(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: CreateMailboxInput,
): Promise<Mailbox> {
  let mailbox: Mailbox;
  try {
    await tx.query("savepoint create_mailbox");
    const { rows } = await tx.query<Mailbox>(
      `insert into public.channels (org_id, provider, address, capabilities, label, created_by)
       values ($1, 'email', $2, '{email}', $3, $4) returning id, address, label, active`,
      [orgId, input.address, input.label, actorId],
    );
    mailbox = rows[0]!;
  } catch (error) {
    await tx.query("rollback to savepoint create_mailbox");
    const e = error as { code?: string; constraint?: string };
    if (e.code === "23505" && e.constraint === "channels_org_provider_address_key")
      throw conflict("mailboxAlreadyChannel", { address: ["alreadyChannelHere"] });
    throw error;
  }
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.created",
    targetType: "channel",
    targetId: mailbox.id,
    metadata: { provider: "email", address: mailbox.address },
  });
  return mailbox;
}
