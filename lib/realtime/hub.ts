import { z } from "zod";
import { database } from "@/lib/db/client";
import { logger } from "@/lib/log";

/**
 * Live updates. Row triggers NOTIFY `kiln_events` with ids only (see the inbox migration);
 * each app process holds one LISTEN and fans events out to its open browser streams. As
 * every instance listens to the same database, an inbound message processed by one
 * instance reaches browsers connected to another. Browsers then re-read through RLS, so
 * an event never carries data a user may not see.
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
  await driver.listen("kiln_events", dispatch);
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
