import "server-only";
import type { Tx } from "@/lib/db";
import type { ChannelProvider } from "./schema";

/** Active channels that can send WhatsApp templates, across organizations: the template sync job's list (as service). */
export async function channelsWithTemplates(
  tx: Tx,
): Promise<{ id: string; orgId: string; provider: ChannelProvider }[]> {
  const { rows } = await tx.query<{ id: string; orgId: string; provider: ChannelProvider }>(
    `select id, org_id as "orgId", provider from public.channels
      where active and 'whatsapp' = any(capabilities) order by created_at`,
  );
  return rows;
}
