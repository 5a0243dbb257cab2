import { afterAll, beforeAll } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { team } from "./api/http";

export type Team = Awaited<ReturnType<typeof team>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/**
 * A suite against a local stand-in for an OAuth provider: starts it, points the app at it, signs
 * up a team and hands both to `ready`; afterwards waits for background work and closes it all.
 */
export function withFakeOAuthProvider<Fake extends { close: () => Promise<void> }>(setup: {
  start: () => Promise<Fake>;
  env: (fake: Fake) => Record<string, string>;
  ready: (fake: Fake, team: Team) => void;
}): void {
  let fake: Fake | undefined;
  beforeAll(async () => {
    // Before anything reads the environment (env() is read once per process).
    fake = await setup.start();
    Object.assign(process.env, setup.env(fake));
    setup.ready(fake, await team());
  });
  afterAll(async () => {
    await settled();
    await fake?.close();
    await closeDatabase();
  });
}
