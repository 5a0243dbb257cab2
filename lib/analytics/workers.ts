import "server-only";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { rebuildQueue } from "./queue";
import { rebuildAllAnalytics } from "./rebuild";

/** Nightly repair of the rollups (see rebuild.ts); the triggers keep them current in between. */
export const rebuildJob = defineJob({
  ...rebuildQueue,
  async run() {
    const report = await rebuildAllAnalytics();
    logger.info(report, "analytics rollups rebuilt");
  },
});
