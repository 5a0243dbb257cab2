import "server-only";
import { after } from "next/server";
import { onDatabaseClose } from "@/lib/db/client";
import { logger } from "@/lib/log";

/**
 * Work that should happen right after the response is sent (a webhook's processing, a
 * reply's first send attempt): inside a Next.js request it runs through `after()`, so the
 * caller is acknowledged first; elsewhere (scripts, tests) on the next turn of the event
 * loop. Failures are logged; the durable retry is each domain's job and sweeper.
 */
const pending = new Set<Promise<unknown>>();
// Work handed to setImmediate but not started yet: settled() must wait for it too, or a chain
// (processing → drafting → sending) would look finished between two links.
let scheduled = 0;

export function runSoon(label: string, work: () => Promise<unknown>): void {
  // Closing the database waits for this work instead of pulling the handle from under it.
  onDatabaseClose(settled);
  const run = () => {
    const promise: Promise<unknown> = work()
      .catch((err) => logger.error({ err, label }, "background work failed"))
      .finally(() => pending.delete(promise));
    pending.add(promise);
    return promise;
  };
  try {
    after(run);
  } catch {
    // Outside a request scope `after` refuses; run detached instead.
    scheduled += 1;
    setImmediate(() => {
      scheduled -= 1;
      void run();
    });
  }
}

/** Resolves once all work started by runSoon in this process has finished (tests, shutdown). */
export async function settled(): Promise<void> {
  do {
    await new Promise((resolve) => setImmediate(resolve));
    while (pending.size) await Promise.allSettled([...pending]);
  } while (scheduled > 0 || pending.size > 0);
}
