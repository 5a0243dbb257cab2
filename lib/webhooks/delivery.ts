import "server-only";
import { withService, type Tx } from "@/lib/db";
import { guardedFetch, OutboundUrlError, type Resolver } from "@/lib/http/outbound";
import { isStorableText } from "@/lib/http/schemas";
import { integrationProblem } from "@/lib/integrations/problems";
import { logger } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { webhookPolicy } from "./policy";
import { DISABLE_AFTER_MS, RETRY_WINDOW_MS, retryDelaySeconds } from "./schedule";
import type { DeliveryErrorKind } from "./schema";
import { openSecret, signDelivery } from "./signing";

export { DISABLE_AFTER_MS, RETRY_WINDOW_MS, retryDelaySeconds };

/**
 * Delivering outbound webhooks: one attempt per pending webhook_deliveries row, as the
 * service role (a job, after the producer's transaction committed).
 *
 *   attemptDelivery(id)  claims the row, signs the envelope, POSTs it through the SSRF guard
 *                        (lib/http/outbound: resolved, checked, pinned, no redirects), records
 *                        the outcome and, on failure, queues the next attempt with exponential
 *                        backoff until 24 hours after the first (RETRY_WINDOW_MS).
 *   dueDeliveries(now)   pending rows that are due (the sweep's work).
 *
 * An endpoint with no success for 3 days (DISABLE_AFTER_MS) of failures is turned off and its
 * organization's admins are notified. Every function takes `now` so tests drive the clock;
 * the signature's timestamp is always the real time of sending (receivers check it).
 */

/** How long a worker holds an attempt; longer than the request deadline. */
const CLAIM_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 15_000;
const EXCERPT_CHARS = 1000;

export type DeliveryOptions = {
  now?: Date;
  /** Replaces DNS (tests). */
  resolve?: Resolver;
  /** Overrides KILN_WEBHOOKS_ALLOW_PRIVATE / NODE_ENV (tests of production mode). */
  allowPrivate?: boolean;
  timeoutMs?: number;
};

export type AttemptOutcome = "succeeded" | "retry" | "failed" | "skipped";

type Claimed = {
  id: string;
  org_id: string;
  endpoint_id: string;
  event_id: string;
  attempt: number;
  trigger: "event" | "test" | "resend";
  chain_started_at: Date;
  url: string;
  enabled: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  type: string;
  version: number;
  payload: unknown;
  event_created_at: Date;
};

type Result = {
  ok: boolean;
  statusCode: number | null;
  durationMs: number | null;
  excerpt: string | null;
  errorKind: DeliveryErrorKind | null;
  retryable: boolean;
};

async function claim(id: string, now: Date): Promise<Claimed | null> {
  return withService(async (tx) => {
    const { rows } = await tx.query<Claimed>(
      `with claimed as (
         update public.webhook_deliveries d set claimed_until = $2::timestamptz + make_interval(secs => $3)
          where d.id = $1 and d.status = 'pending' and d.next_attempt_at <= $2
            and (d.claimed_until is null or d.claimed_until < $2)
          returning d.*)
       select c.id, c.org_id, c.endpoint_id, c.event_id, c.attempt, c.trigger, c.chain_started_at,
              e.url, e.enabled, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at,
              v.type, v.version, v.payload, v.created_at as event_created_at
         from claimed c
         join public.webhook_endpoints e on e.id = c.endpoint_id
         join public.webhook_events v on v.id = c.event_id`,
      [id, now, CLAIM_SECONDS],
    );
    return rows[0] ?? null;
  });
}

/** The delivery's body: the envelope of lib/webhooks/events.ts. */
export function envelope(event: { id: string; type: string; version: number; payload: unknown; createdAt: Date }) {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    version: event.version,
    timestamp: new Date(event.createdAt).toISOString(),
    data: event.payload,
  });
}

function secretsOf(row: Claimed, now: Date): string[] {
  const secrets = [openSecret(row.endpoint_id, row.secret_sealed)];
  if (row.previous_secret_sealed && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > now)
    secrets.push(openSecret(row.endpoint_id, row.previous_secret_sealed));
  return secrets;
}

const clean = (text: string) =>
  [...text]
    .filter((ch) => isStorableText(ch))
    .join("")
    .slice(0, EXCERPT_CHARS);

async function send(row: Claimed, now: Date, options: DeliveryOptions): Promise<Result> {
  const body = envelope({
    id: row.event_id,
    type: row.type,
    version: row.version,
    payload: row.payload,
    createdAt: row.event_created_at,
  });
  const headers = {
    "content-type": "application/json",
    "user-agent": "Kiln-Webhooks/1",
    ...signDelivery(row.event_id, new Date(), body, secretsOf(row, now)),
  };
  const started = performance.now();
  try {
    const response = await guardedFetch(
      row.url,
      { method: "POST", headers, body, timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS, maxResponseBytes: 4096 },
      webhookPolicy(row.url, { allowPrivate: options.allowPrivate }),
      { resolve: options.resolve },
    );
    const durationMs = Math.round(performance.now() - started);
    const excerpt = clean(await response.text().catch(() => ""));
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      durationMs,
      excerpt: excerpt || null,
      errorKind: ok ? null : "http_status",
      // A redirect is not followed (it could point anywhere); it is a failure like any other status.
      retryable: !ok,
    };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    if (error instanceof OutboundUrlError) {
      const errorKind: DeliveryErrorKind =
        error.reason === "private_address" || error.reason === "protocol" ? "refused_address" : "invalid_url";
      // A name that does not resolve may resolve later; a refused address will not change by waiting.
      return {
        ok: false,
        statusCode: null,
        durationMs,
        excerpt: null,
        errorKind,
        retryable: error.reason === "unresolvable",
      };
    }
    const timeout = (error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError";
    return {
      ok: false,
      statusCode: null,
      durationMs,
      excerpt: null,
      errorKind: timeout ? "timeout" : "connection",
      retryable: true,
    };
  }
}

/** One attempt at one pending delivery. Returns what became of it. */
export async function attemptDelivery(deliveryId: string, options: DeliveryOptions = {}): Promise<AttemptOutcome> {
  const now = options.now ?? new Date();
  const row = await claim(deliveryId, now);
  if (!row) return "skipped";
  // An event's delivery to an endpoint turned off meanwhile is dropped; a test or resend is an admin's explicit ask.
  const result: Result =
    !row.enabled && row.trigger === "event"
      ? {
          ok: false,
          statusCode: null,
          durationMs: null,
          excerpt: null,
          errorKind: "endpoint_disabled",
          retryable: false,
        }
      : await send(row, now, options);
  return withService((tx) => record(tx, row, result, now));
}

async function record(tx: Tx, row: Claimed, result: Result, now: Date): Promise<AttemptOutcome> {
  const nextAt = new Date(now.getTime() + retryDelaySeconds(row.attempt) * 1000);
  const retry =
    !result.ok && result.retryable && nextAt.getTime() <= new Date(row.chain_started_at).getTime() + RETRY_WINDOW_MS;
  await tx.query(
    `update public.webhook_deliveries
        set status = $2, next_attempt_at = null, claimed_until = null, attempted_at = $3,
            status_code = $4, duration_ms = $5, response_excerpt = $6, error_kind = $7, gave_up = $8
      where id = $1`,
    [
      row.id,
      result.ok ? "succeeded" : "failed",
      now,
      result.statusCode,
      result.durationMs,
      result.excerpt,
      result.errorKind,
      !result.ok && !retry,
    ],
  );
  if (retry) {
    await tx.query(
      `insert into public.webhook_deliveries (org_id, endpoint_id, event_id, attempt, trigger, next_attempt_at, chain_started_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [row.org_id, row.endpoint_id, row.event_id, row.attempt + 1, row.trigger, nextAt, row.chain_started_at],
    );
  }
  if (result.errorKind === "endpoint_disabled") return "failed";
  if (result.ok) {
    await tx.query(
      "update public.webhook_endpoints set failing_since = null where id = $1 and failing_since is not null",
      [row.endpoint_id],
    );
    return "succeeded";
  }
  await noteFailure(tx, row, now);
  return retry ? "retry" : "failed";
}

/** Starts or continues the endpoint's failing streak; three days of it turns the endpoint off. */
async function noteFailure(tx: Tx, row: Claimed, now: Date): Promise<void> {
  const { rows } = await tx.query<{ failing_since: Date; enabled: boolean; url: string }>(
    `update public.webhook_endpoints set failing_since = coalesce(failing_since, $2)
      where id = $1 returning failing_since, enabled, url`,
    [row.endpoint_id, now],
  );
  const endpoint = rows[0];
  if (!endpoint?.enabled) return;
  if (now.getTime() - new Date(endpoint.failing_since).getTime() < DISABLE_AFTER_MS) return;
  const { rowCount } = await tx.query(
    `update public.webhook_endpoints set enabled = false, disabled_reason = 'failing', disabled_at = $2
      where id = $1 and enabled`,
    [row.endpoint_id, now],
  );
  if (!rowCount) return;
  logger.warn({ endpointId: row.endpoint_id, orgId: row.org_id }, "webhook endpoint disabled after failing for days");
  await notify(tx, {
    kind: "integration_failing",
    orgId: row.org_id,
    provider: "webhooks",
    status: "disconnected",
    problem: integrationProblem("webhook_endpoint_disabled", { url: endpoint.url }),
  });
}

/** Pending attempts due at `now` and not held by a worker, oldest first. */
export async function dueDeliveries(now: Date, limit = 100): Promise<{ deliveryId: string; orgId: string }[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; org_id: string }>(
      `select id, org_id from public.webhook_deliveries
        where status = 'pending' and next_attempt_at <= $1 and (claimed_until is null or claimed_until < $1)
        order by next_attempt_at limit $2`,
      [now, limit],
    );
    return rows.map((r) => ({ deliveryId: r.id, orgId: r.org_id }));
  });
}

/** Attempts every due delivery (the sweep; tests call it with their clock). */
export async function deliverDue(options: DeliveryOptions = {}): Promise<Record<AttemptOutcome, number>> {
  const now = options.now ?? new Date();
  const counts: Record<AttemptOutcome, number> = { succeeded: 0, retry: 0, failed: 0, skipped: 0 };
  const due = await dueDeliveries(now);
  // A few at a time: one slow receiver must not hold up the others for the whole sweep.
  for (let i = 0; i < due.length; i += 10) {
    const outcomes = await Promise.all(
      due.slice(i, i + 10).map((d) => attemptDelivery(d.deliveryId, { ...options, now })),
    );
    for (const outcome of outcomes) counts[outcome] += 1;
  }
  return counts;
}

/** Events (and with them their deliveries) older than the log keeps. */
export async function pruneWebhookEvents(now: Date, keepDays = 30): Promise<number> {
  return withService(
    async (tx) =>
      (
        await tx.query(
          "delete from public.webhook_events where created_at < $1::timestamptz - make_interval(days => $2)",
          [now, keepDays],
        )
      ).rowCount,
  );
}
