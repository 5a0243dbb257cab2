import "server-only";
import type { Tx } from "@/lib/db";

/**
 * The organization's numbers a member may send WhatsApp from, as every member may see them (a
 * rep's preferred sending number in Settings → Preferences): display name and number only.
 * Members can read their organization's channels (policy "Members can read their
 * organization's channels"), so this runs under the caller's RLS; another organization's
 * numbers are simply not there. Kept to these columns so nothing else reaches a rep's picker.
 */
export type SendingNumber = { id: string; label: string; address: string };

export async function listWhatsAppSendingNumbers(tx: Tx, orgId: string): Promise<SendingNumber[]> {
  const { rows } = await tx.query<SendingNumber>(
    `select id, label, address from public.channels
      where org_id = $1 and active and 'whatsapp' = any (capabilities)
      order by label, created_at`,
    [orgId],
  );
  return rows;
}
