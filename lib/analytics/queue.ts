import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

/** Nightly: recompute every organization's dashboard rollups from the source tables (workers.ts). */
export const rebuildQueue = defineQueue({
  name: "analytics.rebuild",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 3_600 },
  schedule: "30 2 * * *",
});
