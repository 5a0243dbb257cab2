import "server-only";
import type { Tx } from "@/lib/db";
import { WEBHOOK_EVENT_VERSION, WEBHOOK_PAYLOADS, type WebhookEventInput, type WebhookEventType } from "./events";
import { deliverWebhooksSoon } from "./queue";

/**
 * The outbox's one entrance, for the domains that own the changes (lib/leads, lib/inbox,
 * lib/meetings, lib/approvals): call it inside the transaction that makes the change, so the
 * event exists iff the change committed. Works under withRls (any member acting) and
 * withService. Events no enabled endpoint subscribes to are dropped in the database; the first
 * delivery attempt runs after the response (the sweep picks up anything that was missed).
 *
 * `build` is only called when some endpoint subscribes to one of `types`, so a producer can
 * skip the query a payload needs when nobody listens (most organizations).
 */
export async function emitWebhookEvents(
  tx: Tx,
  orgId: string,
  types: readonly WebhookEventType[],
  build: () => Promise<WebhookEventInput[]> | WebhookEventInput[],
  options: { now?: Date } = {},
): Promise<void> {
  if (!types.length) return;
  const subscribed = await subscribedTypes(tx, orgId);
  if (!types.some((type) => subscribed.has(type))) return;
  const events = (await build()).filter((event) => subscribed.has(event.type));
  if (!events.length) return;
  const rows = events.map((event) => ({
    type: event.type,
    version: WEBHOOK_EVENT_VERSION,
    // A producer's payload that does not match its schema is a bug: better a failed change than a lie to receivers.
    payload: WEBHOOK_PAYLOADS[event.type].parse(event.data),
    ...(options.now ? { created_at: options.now.toISOString() } : {}),
  }));
  const { rows: created } = await tx.query<{ delivery_id: string }>(
    "select delivery_id from private.record_webhook_events($1, $2::jsonb)",
    [orgId, JSON.stringify(rows)],
  );
  // A caller with its own clock (a test) drives delivery itself.
  if (created.length && !options.now)
    deliverWebhooksSoon(
      tx,
      created.map((row) => ({ deliveryId: row.delivery_id, orgId })),
    );
}

/** Shorthand for one event whose payload is at hand. */
export function emitWebhookEvent(tx: Tx, orgId: string, event: WebhookEventInput, options?: { now?: Date }) {
  return emitWebhookEvents(tx, orgId, [event.type], () => [event], options);
}

async function subscribedTypes(tx: Tx, orgId: string): Promise<Set<string>> {
  const { rows } = await tx.query<{ types: string[] }>("select private.webhook_subscribed_types($1) as types", [orgId]);
  return new Set(rows[0]?.types ?? []);
}
