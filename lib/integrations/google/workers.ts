import "server-only";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { forgetDepartedGoogleConnections } from "./connection";
import { departedQueue } from "./queue";

async function forgetDeparted(): Promise<void> {
  const { forgotten, unrevoked } = await forgetDepartedGoogleConnections();
  if (forgotten) logger.info({ forgotten, unrevoked }, "google connections of departed members forgotten");
}

/** A platform job over every organization's connections, hence the service role inside. */
export const departedJob = defineJob({
  ...departedQueue,
  run: forgetDeparted,
  async soon() {
    // A failure here is not lost: the schedule sweeps again within 15 minutes.
    await forgetDeparted().catch((error: unknown) =>
      logger.warn({ err: error }, "forgetting departed members' google connections failed; the sweep retries"),
    );
  },
});
