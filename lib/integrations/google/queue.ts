import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/**
 * A person who leaves an organization takes nobody's mailbox with them, but their Google grant
 * would stay at Google, usable by Kiln, with a row nobody can see any more (RLS reads only
 * members). This job revokes such grants and deletes the rows (workers.ts): right after a member
 * is removed, and every 15 minutes for anything a crash left behind.
 */
export const departedQueue = defineQueue({
  name: "integrations.google.departed",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
  schedule: "*/15 * * * *",
});

/** After a member left: their Google grants in organizations they no longer belong to go now. */
export function forgetDepartedGoogleSoon(): void {
  runJobSoon(departedQueue, {});
}
