import "server-only";
import { withService } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { cleanupQueue } from "./queue";
import { deleteExpiredStates } from "./store";

/** A platform job over every user's rows, hence the service role (RLS would show it none). */
export const cleanupJob = defineJob({
  ...cleanupQueue,
  async run() {
    const deleted = await withService((tx) => deleteExpiredStates(tx));
    logger.info({ deleted }, "expired session state deleted");
  },
});
