import type { Tx } from "@/lib/db";

/**
 * What a provider plugs into the inbound-event pipeline: one handler per provider, which
 * turns a stored delivery into the domain's rows. Domains define their handlers; the job
 * catalogue (lib/jobs/catalog.ts, loaded by every composition root) registers them, so the
 * pipeline never imports a domain.
 */

/** Providers `inbound_events.provider` accepts (its check constraint); a new one needs a migration too. */
export const INBOUND_PROVIDERS = ["twilio", "whatsapp_cloud", "calendly", "stripe", "email"] as const;
export type InboundProvider = (typeof INBOUND_PROVIDERS)[number];

/** A delivery as the handler receives it: claimed, locked, inside a savepoint. */
export type StoredInboundEvent = {
  id: string;
  provider: InboundProvider;
  kind: string;
  payload: Record<string, unknown>;
  receivedAt: Date;
  /** Failed attempts so far (this one not counted). */
  attempts: number;
  /** Came through an organization's sandbox URL: may reach only that organization. */
  sandbox: boolean;
  /** The organization it was routed to when recorded, if any. */
  orgId: string | null;
};

export type InboundOutcome = {
  state: "processed" | "unroutable";
  /** Stored on the event: the organization it turned out to belong to (null when unroutable). */
  orgId: string | null;
  /** Pending events of the same provider that were waiting for this one: processed next. */
  followUps?: string[];
};

/**
 * What a handler did outside the database (files it stored) cannot roll back with its rows:
 * it registers how to undo it, and the pipeline runs that when the work is rolled back (the
 * handler or the event's own bookkeeping failed, or the transaction did not commit).
 */
export type InboundEffects = { onRollback(undo: () => Promise<void>): void };

export type InboundHandler = {
  provider: InboundProvider;
  process: (tx: Tx, event: StoredInboundEvent, effects: InboundEffects) => Promise<InboundOutcome>;
};

/**
 * Thrown by a handler for a condition that may clear up by itself (a status callback that
 * overtook our own send's commit, a no-show before its booking): counted as an attempt and
 * retried like any failure, without an error in the log. Recognised by name, so a handler
 * loaded in another Next.js module graph is still understood.
 */
export class RetryLater extends Error {
  override name = "RetryLater";
}

export const isRetryLater = (error: unknown) => error instanceof Error && error.name === "RetryLater";

export function defineInboundHandler(handler: InboundHandler): InboundHandler {
  return handler;
}

// On globalThis: Next.js loads instrumentation (which registers) and route handlers as separate module graphs.
const globalState = globalThis as typeof globalThis & { __kilnInboundHandlers?: Map<InboundProvider, InboundHandler> };
const registry = (globalState.__kilnInboundHandlers ??= new Map());

/** Registers each provider's handler (the last registration of a provider wins); returns a function that removes them. */
export function registerInboundHandlers(handlers: InboundHandler[]): () => void {
  for (const handler of handlers) registry.set(handler.provider, handler);
  return () => {
    for (const handler of handlers) if (registry.get(handler.provider) === handler) registry.delete(handler.provider);
  };
}

/** The handlers registered in this process; events of other providers are left alone. */
export function registeredInboundHandlers(): InboundHandler[] {
  return [...registry.values()];
}
