import "server-only";
import type { Tx } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { notFound } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_VERSION } from "./events";
import { assertWebhookUrl, type AddressOptions } from "./policy";
import { deliverWebhooksSoon } from "./queue";
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookEndpoint,
} from "./schema";
import { newSecret, sealSecret, secretHint } from "./signing";

/**
 * Webhook endpoints as admins manage them (Settings → Webhooks, /api/v1/webhook-endpoints),
 * all under RLS: the policies let admins of the endpoint's organization only. A secret leaves
 * the server once, in the answer to create or rotate; it is stored sealed.
 */

/** How long the old secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_HOURS = 24;

type EndpointRow = {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  disabled_reason: "manual" | "failing" | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  secret_hint: string;
  previous_secret_expires_at: Date | null;
  created_at: Date;
};

const ENDPOINT_COLUMNS = `id, url, description, event_types, enabled, disabled_reason, disabled_at, failing_since,
  secret_hint, previous_secret_expires_at, created_at`;

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types as WebhookEndpoint["eventTypes"],
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: iso(row.disabled_at),
    failingSince: iso(row.failing_since),
    secretHint: row.secret_hint,
    previousSecretExpiresAt: iso(row.previous_secret_expires_at),
    createdAt: iso(row.created_at)!,
  };
}

export async function listWebhookEndpoints(tx: Tx, orgId: string): Promise<WebhookEndpoint[]> {
  const { rows } = await tx.query<EndpointRow>(
    `select ${ENDPOINT_COLUMNS} from public.webhook_endpoints where org_id = $1 order by created_at, id`,
    [orgId],
  );
  return rows.map(toEndpoint);
}

export async function getWebhookEndpoint(tx: Tx, orgId: string, id: string): Promise<WebhookEndpoint> {
  const { rows } = await tx.query<EndpointRow>(
    `select ${ENDPOINT_COLUMNS} from public.webhook_endpoints where org_id = $1 and id = $2`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound("webhookEndpointNotFound");
  return toEndpoint(rows[0]);
}

/** Creates an endpoint; the answer carries its secret, the only time it is shown. */
export async function createWebhookEndpoint(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: CreateWebhookEndpointInput,
  address: AddressOptions = {},
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await assertWebhookUrl(input.url, address);
  const { rows: ids } = await tx.query<{ id: string }>("select gen_random_uuid() as id");
  const id = ids[0]!.id;
  const secret = newSecret();
  await tx.query(
    `insert into public.webhook_endpoints (id, org_id, url, description, event_types, secret_sealed, secret_hint, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      orgId,
      input.url,
      input.description || null,
      input.eventTypes,
      sealSecret(id, secret),
      secretHint(secret),
      actorId,
    ],
  );
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "webhook_endpoint.created",
    targetType: "webhook_endpoint",
    targetId: id,
    metadata: { url: input.url, eventTypes: input.eventTypes },
  });
  return { endpoint: await getWebhookEndpoint(tx, orgId, id), secret };
}

export async function updateWebhookEndpoint(
  tx: Tx,
  actorId: string,
  orgId: string,
  id: string,
  patch: UpdateWebhookEndpointInput,
  address: AddressOptions = {},
): Promise<WebhookEndpoint> {
  const current = await getWebhookEndpoint(tx, orgId, id);
  if (patch.url !== undefined && patch.url !== current.url) await assertWebhookUrl(patch.url, address);
  const enabled = patch.enabled ?? current.enabled;
  // Turning it on again starts a clean slate; turning it off says an admin did.
  const disabledReason = enabled ? null : patch.enabled === false ? "manual" : current.disabledReason;
  const disabledAt = enabled ? null : patch.enabled === false && current.enabled ? new Date() : current.disabledAt;
  await tx.query(
    `update public.webhook_endpoints
        set url = $3, description = $4, event_types = $5, enabled = $6, disabled_reason = $7, disabled_at = $8
      where org_id = $1 and id = $2`,
    [
      orgId,
      id,
      patch.url ?? current.url,
      patch.description === undefined ? current.description : patch.description || null,
      patch.eventTypes ?? current.eventTypes,
      enabled,
      disabledReason,
      disabledAt,
    ],
  );
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "webhook_endpoint.updated",
    targetType: "webhook_endpoint",
    targetId: id,
    metadata: { fields: Object.keys(patch) },
  });
  return getWebhookEndpoint(tx, orgId, id);
}

export async function deleteWebhookEndpoint(tx: Tx, actorId: string, orgId: string, id: string): Promise<void> {
  const { rows } = await tx.query<{ url: string }>(
    "delete from public.webhook_endpoints where org_id = $1 and id = $2 returning url",
    [orgId, id],
  );
  if (!rows[0]) throw notFound("webhookEndpointNotFound");
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "webhook_endpoint.deleted",
    targetType: "webhook_endpoint",
    targetId: id,
    metadata: { url: rows[0].url },
  });
}

/**
 * A new secret, answered once. The old one keeps signing alongside it for
 * ROTATION_OVERLAP_HOURS, so receivers can switch without missing a delivery.
 */
export async function rotateWebhookSecret(
  tx: Tx,
  actorId: string,
  orgId: string,
  id: string,
  now = new Date(),
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await getWebhookEndpoint(tx, orgId, id);
  const secret = newSecret();
  const expires = new Date(now.getTime() + ROTATION_OVERLAP_HOURS * 3_600_000);
  // Admins cannot read the sealed column the rotation copies: private.rotate_webhook_secret does it.
  await tx.query("select private.rotate_webhook_secret($1, $2, $3, $4)", [
    id,
    sealSecret(id, secret),
    secretHint(secret),
    expires,
  ]);
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "webhook_endpoint.secret_rotated",
    targetType: "webhook_endpoint",
    targetId: id,
    metadata: { overlapHours: ROTATION_OVERLAP_HOURS },
  });
  return { endpoint: await getWebhookEndpoint(tx, orgId, id), secret };
}

/** Queues a `webhook.test` event to this endpoint only; delivered right after the response. */
export async function sendTestEvent(
  tx: Tx,
  orgId: string,
  id: string,
  options: { now?: Date } = {},
): Promise<{ eventId: string; deliveryId: string }> {
  await getWebhookEndpoint(tx, orgId, id);
  const event = {
    type: TEST_EVENT_TYPE,
    version: WEBHOOK_EVENT_VERSION,
    payload: { endpointId: id, message: "This is a test event from Kiln." },
    ...(options.now ? { created_at: options.now.toISOString() } : {}),
  };
  const { rows } = await tx.query<{ delivery_id: string; event_id: string }>(
    "select delivery_id, event_id from private.record_webhook_events($1, $2::jsonb, $3)",
    [orgId, JSON.stringify([event]), id],
  );
  const created = rows[0]!;
  if (!options.now) deliverWebhooksSoon(tx, [{ deliveryId: created.delivery_id, orgId }]);
  return { eventId: created.event_id, deliveryId: created.delivery_id };
}

/** Delivers a logged delivery's event to its endpoint again, as a new chain of attempts. */
export async function resendDelivery(tx: Tx, orgId: string, deliveryId: string): Promise<{ deliveryId: string }> {
  const { rows: visible } = await tx.query("select 1 from public.webhook_deliveries where id = $1 and org_id = $2", [
    deliveryId,
    orgId,
  ]);
  if (!visible[0]) throw notFound("webhookDeliveryNotFound");
  const { rows } = await tx.query<{ delivery_id: string }>(
    "select delivery_id from private.resend_webhook_delivery($1)",
    [deliveryId],
  );
  deliverWebhooksSoon(tx, [{ deliveryId: rows[0]!.delivery_id, orgId }]);
  return { deliveryId: rows[0]!.delivery_id };
}

type DeliveryRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  trigger: WebhookDelivery["trigger"];
  status: WebhookDelivery["status"];
  status_code: number | null;
  duration_ms: number | null;
  response_excerpt: string | null;
  error_kind: WebhookDelivery["errorKind"];
  next_attempt_at: Date | null;
  attempted_at: Date | null;
  gave_up: boolean;
  created_at: Date;
  cursor_at: string;
};

/** An endpoint's delivery log, newest first, keyset-paged. */
export async function listDeliveries(
  tx: Tx,
  orgId: string,
  endpointId: string,
  page: { cursor?: string; limit: number },
): Promise<{ deliveries: WebhookDelivery[]; nextCursor: string | null }> {
  await getWebhookEndpoint(tx, orgId, endpointId);
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const { rows } = await tx.query<DeliveryRow>(
    `select d.id, d.endpoint_id, d.event_id, v.type as event_type, d.attempt, d.trigger, d.status, d.status_code,
            d.duration_ms, d.response_excerpt, d.error_kind, d.next_attempt_at, d.attempted_at, d.gave_up, d.created_at,
            d.created_at::text as cursor_at
       from public.webhook_deliveries d
       join public.webhook_events v on v.id = d.event_id
      where d.org_id = $1 and d.endpoint_id = $2
        and ($3::timestamptz is null or (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
      order by d.created_at desc, d.id desc
      limit $5`,
    [orgId, endpointId, after?.at ?? null, after?.id ?? null, page.limit + 1],
  );
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    deliveries: shown.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      eventType: row.event_type,
      attempt: row.attempt,
      trigger: row.trigger,
      status: row.status,
      statusCode: row.status_code,
      durationMs: row.duration_ms,
      responseExcerpt: row.response_excerpt,
      errorKind: row.error_kind,
      nextAttemptAt: iso(row.next_attempt_at),
      attemptedAt: iso(row.attempted_at),
      gaveUp: row.gave_up,
      createdAt: iso(row.created_at)!,
    })),
    nextCursor: more && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}
