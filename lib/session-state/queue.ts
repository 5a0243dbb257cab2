import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

/** Daily: delete every device's session state past its 7 days (workers.ts). */
export const cleanupQueue = defineQueue({
  name: "session-state.cleanup",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1_800 },
  schedule: "50 3 * * *",
});
