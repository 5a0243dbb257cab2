/**
 * Settings → Channels → Inbound email, for admins: the organization's webhook URL, its
 * signing secret (created on first sight, rotatable) and its mailboxes.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { listMailboxes, type Mailbox } from "@/lib/channels/mailboxes";
import { inboundEmailSecret } from "./inbound-secret";
import { EMAIL_SIGNATURE_HEADER, EMAIL_TIMESTAMP_HEADER } from "./signature";
import { inboundEmailUrl, MAX_INBOUND_EMAIL_BYTES } from "./webhook";

export type InboundEmailOverview = {
  url: string;
  secret: string;
  rotatedAt: Date;
  headers: { signature: string; timestamp: string };
  maxBytes: number;
  mailboxes: Mailbox[];
};

/** Under RLS as an admin: the database refuses the secret to anyone else. */
export async function inboundEmailOverview(tx: Tx, orgId: string): Promise<InboundEmailOverview> {
  const { secret, rotatedAt } = await inboundEmailSecret(tx, orgId);
  return {
    url: inboundEmailUrl(orgId),
    secret,
    rotatedAt,
    headers: { signature: EMAIL_SIGNATURE_HEADER, timestamp: EMAIL_TIMESTAMP_HEADER },
    maxBytes: MAX_INBOUND_EMAIL_BYTES,
    mailboxes: await listMailboxes(tx, orgId),
  };
}
