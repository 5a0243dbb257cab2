/**
 * The inbound-event pipeline's table, `inbound_events`, and its loop. A verified webhook
 * delivery is recorded once (record); processing claims it (SKIP LOCKED), runs the
 * provider's handler under a savepoint and marks the outcome, or counts a failed attempt
 * and parks the event as failed after the last one; the sweeper (workers.ts) picks up what
 * the after-response run never finished; the daily prune forgets old payloads. This is the
 * only module with SQL on `inbound_events`.
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import {
  isRetryLater,
  registeredInboundHandlers,
  type InboundHandler,
  type InboundProvider,
  type StoredInboundEvent,
} from "./handlers";

/** After this many failed processing attempts an event is parked as failed. */
export const MAX_PROCESSING_ATTEMPTS = 8;

/** Processed and unroutable deliveries are deleted after this long (they hold people's numbers; what they made stays). */
export const INBOUND_RETENTION_DAYS = 30;

export type InboundEventDraft = {
  provider: InboundProvider;
  /** The provider's id for the delivery: a retry with the same id is a no-op. */
  eventId: string;
  kind: string;
  payload: Record<string, unknown>;
};

export type RecordMeta = {
  /** The few headers worth keeping (user agent, the provider's request id). */
  headers: Record<string, string>;
  /** The organization the delivery already belongs to (its connection's or sandbox's URL), if known. */
  orgId?: string | null;
  /** Came through `orgId`'s sandbox URL: its processing may reach only that organization. */
  sandbox?: boolean;
  /** `unroutable`: kept as a record but never processed (no organization could be found for it). */
  state?: "pending" | "unroutable";
};

/** Stores verified deliveries once; returns the ids of those that are new (a retried delivery returns none). */
export function recordInboundEvents(drafts: InboundEventDraft[], meta: RecordMeta): Promise<string[]> {
  if (!drafts.length) return Promise.resolve([]);
  return withService((tx) => recordInboundEventsIn(tx, drafts, meta));
}

/** recordInboundEvents on the caller's (service role) transaction, after the caller's own checks. */
export async function recordInboundEventsIn(tx: Tx, drafts: InboundEventDraft[], meta: RecordMeta): Promise<string[]> {
  if (!drafts.length) return [];
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.inbound_events (provider, event_id, kind, headers, payload, signature_ok, org_id, sandbox, state)
     select d.provider, d.event_id, d.kind, $2::jsonb, d.payload, true, $3::uuid, $4::boolean, $5::text
       from jsonb_to_recordset($1::jsonb) as d(provider text, event_id text, kind text, payload jsonb)
     on conflict (provider, event_id) do nothing
     returning id`,
    [
      JSON.stringify(
        drafts.map((d) => ({ provider: d.provider, event_id: d.eventId, kind: d.kind, payload: d.payload })),
      ),
      JSON.stringify(meta.headers),
      meta.orgId ?? null,
      meta.sandbox ?? false,
      meta.state ?? "pending",
    ],
  );
  return rows.map((r) => r.id);
}

export type ProcessResult = "processed" | "unroutable" | "retry" | "failed" | "skipped";
export type Processed = { result: ProcessResult; followUps: string[] };

/**
 * Processes one pending event with its provider's handler. "skipped": not pending any more,
 * being processed by someone else, or of a provider with no handler here.
 */
export async function processInboundEvent(
  id: string,
  handlers: InboundHandler[] = registeredInboundHandlers(),
): Promise<Processed> {
  const undo: Undo[] = [];
  try {
    return await withService((tx) => processEvent(tx, id, handlers, undo));
  } catch (error) {
    // The transaction did not commit: what the handler left outside the database goes too.
    await undoEffects(undo);
    throw error;
  }
}

type Undo = () => Promise<void>;

/** Runs a rolled-back handler's undo steps, newest first; one failing (logged) does not stop the rest. */
async function undoEffects(undo: Undo[]) {
  for (const step of undo.splice(0).reverse()) {
    await step().catch((error: unknown) => logger.warn({ err: error }, "undoing an inbound handler's effect failed"));
  }
}

type EventRow = {
  id: string;
  provider: InboundProvider;
  kind: string;
  payload: Record<string, unknown>;
  received_at: Date;
  attempts: number;
  sandbox: boolean;
  org_id: string | null;
};

/**
 * processInboundEvent on the caller's (service role) transaction. A failure is rolled back
 * to a savepoint and recorded on the event, never thrown, so the caller's other work stands.
 * A handler's effects outside the database are undone with that savepoint only: the caller
 * owns its transaction's commit.
 */
export function processInboundEventIn(
  tx: Tx,
  id: string,
  handlers: InboundHandler[] = registeredInboundHandlers(),
): Promise<Processed> {
  return processEvent(tx, id, handlers, []);
}

async function processEvent(tx: Tx, id: string, handlers: InboundHandler[], undo: Undo[]): Promise<Processed> {
  const byProvider = new Map(handlers.map((h) => [h.provider, h]));
  // SKIP LOCKED: if the sweeper and the after-response run meet, one of them walks away.
  const { rows } = await tx.query<EventRow>(
    `select id, provider, kind, payload, received_at, attempts, sandbox, org_id from public.inbound_events
      where id = $1 and state = 'pending' and provider = any($2::text[]) for update skip locked`,
    [id, [...byProvider.keys()]],
  );
  const row = rows[0];
  if (!row) return { result: "skipped", followUps: [] };
  const event: StoredInboundEvent = {
    id: row.id,
    provider: row.provider,
    kind: row.kind,
    payload: row.payload,
    receivedAt: new Date(row.received_at),
    attempts: row.attempts,
    sandbox: row.sandbox,
    orgId: row.org_id,
  };
  await tx.query("savepoint process_event");
  try {
    const outcome = await byProvider.get(row.provider)!.process(tx, event, { onRollback: (step) => undo.push(step) });
    await tx.query(
      `update public.inbound_events set state = $2, org_id = $3, processed_at = now(), attempts = attempts + 1, error = null where id = $1`,
      [id, outcome.state, outcome.orgId],
    );
    return { result: outcome.state, followUps: outcome.followUps ?? [] };
  } catch (error) {
    await tx.query("rollback to savepoint process_event");
    await undoEffects(undo);
    const attempts = row.attempts + 1;
    const parked = attempts >= MAX_PROCESSING_ATTEMPTS;
    if (!isRetryLater(error))
      logger.error({ err: error, eventId: id, provider: row.provider }, "inbound event processing failed");
    await tx.query(`update public.inbound_events set attempts = $2, error = left($3, 1000), state = $4 where id = $1`, [
      id,
      attempts,
      error instanceof Error ? error.message : String(error),
      parked ? "failed" : "pending",
    ]);
    return { result: parked ? "failed" : "retry", followUps: [] };
  }
}

/** Events still pending a while after they arrived (their after-response run did not finish), of the providers handled here. */
export async function pendingInboundEventIds(
  olderThanSeconds: number,
  limit = 200,
  handlers: InboundHandler[] = registeredInboundHandlers(),
): Promise<string[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `select id from public.inbound_events
        where state = 'pending' and provider = any($3::text[]) and received_at < now() - make_interval(secs => $1)
        order by received_at limit $2`,
      [olderThanSeconds, limit, handlers.map((h) => h.provider)],
    );
    return rows.map((r) => r.id);
  });
}

const likePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Pending events of one provider and organization, of kinds starting with `kindPrefix`, whose
 * payload mentions `mention`, oldest first: deliveries that overtook the one they depend on
 * (a handler returns them as follow-ups once that one is processed).
 */
export async function waitingInboundEventIds(
  tx: Tx,
  where: { provider: InboundProvider; orgId: string; kindPrefix: string; mention: string },
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `select id from public.inbound_events
      where provider = $1 and org_id = $2 and state = 'pending' and kind like $3 and payload::text like $4
      order by received_at`,
    [where.provider, where.orgId, `${likePattern(where.kindPrefix)}%`, `%${likePattern(where.mention)}%`],
  );
  return rows.map((r) => r.id);
}

/** Deletes processed and unroutable deliveries past retention (pending and failed ones stay for a look); returns how many. */
export async function pruneInboundEvents(tx: Tx): Promise<number> {
  const { rowCount } = await tx.query(
    "delete from public.inbound_events where state in ('processed', 'unroutable') and received_at < now() - make_interval(days => $1)",
    [INBOUND_RETENTION_DAYS],
  );
  return rowCount;
}
