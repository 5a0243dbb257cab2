import "server-only";
import type { Tx } from "@/lib/db";

export type InboundHealth = {
  provider: string;
  /** Waiting to be processed. */
  pending: number;
  /** Received longest ago among the pending: how far behind processing is. */
  oldestPendingAt: Date | null;
  /** Received in the last 24 hours, and how many of them were parked as failed. */
  received24h: number;
  failed24h: number;
  /** failed24h / received24h; null when nothing arrived. */
  failureRate: number | null;
};

/**
 * The webhook backlog per provider, for the platform admin console. `tx` runs as the service
 * role (inbound_events has no member policies). Pending rows use the partial index on
 * received_at; the 24-hour counts read one day of events.
 */
export async function inboundHealth(tx: Tx): Promise<InboundHealth[]> {
  const { rows } = await tx.query<Omit<InboundHealth, "failureRate">>(
    `select provider,
            count(*) filter (where state = 'pending')::int as pending,
            min(received_at) filter (where state = 'pending') as "oldestPendingAt",
            count(*) filter (where received_at > now() - interval '24 hours')::int as "received24h",
            count(*) filter (where state = 'failed' and received_at > now() - interval '24 hours')::int as "failed24h"
       from public.inbound_events
      where state = 'pending' or received_at > now() - interval '24 hours'
      group by provider
      order by provider`,
  );
  return rows.map((r) => ({ ...r, failureRate: r.received24h ? r.failed24h / r.received24h : null }));
}
