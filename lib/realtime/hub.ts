import "server-only";
import { z } from "zod";
import { database, onDatabaseClose } from "@/lib/db/client";
import { logger } from "@/lib/log";

/**
 * Live updates. Row triggers NOTIFY `kiln_events` with ids only (see the inbox migration);
 * each app process holds one LISTEN and fans events out to its open browser streams. As
 * every instance listens to the same database, an inbound message processed by one
 * instance reaches browsers connected to another. The hub hears every organization's
 * events: each browser stream (./stream.ts) passes on only those whose rows its user can
 * read through RLS, and browsers then re-read the rows themselves.
 */
export const liveEventSchema = z.object({
  topic: z.string(),
  org_id: z.string().nullable().optional(),
  user_id: z.string().nullable().optional(),
  id: z.string().nullable().optional(),
  conversation_id: z.string().nullable().optional(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

type Listener = (event: LiveEvent) => void;
type State = { listeners: Set<Listener>; started?: Promise<void> };
const globalState = globalThis as typeof globalThis & { __kilnHub?: State };
const state = (globalState.__kilnHub ??= { listeners: new Set() });

function dispatch(payload: string) {
  let event: LiveEvent;
  try {
    event = liveEventSchema.parse(JSON.parse(payload));
  } catch {
    return;
  }
  for (const listener of state.listeners) listener(event);
}

async function start(): Promise<void> {
  const driver = await database();
  const unlisten = await driver.listen("kiln_events", dispatch);
  onDatabaseClose(async () => {
    // The next subscriber after a re-open listens again.
    state.started = undefined;
    await unlisten();
  });
}

/** Subscribes to every live event of this process; returns the unsubscribe function. */
export async function subscribe(listener: Listener): Promise<() => void> {
  if (!state.started) {
    state.started = start().catch((error) => {
      state.started = undefined;
      logger.error({ err: error }, "live updates could not listen");
      throw error;
    });
  }
  await state.started;
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}
