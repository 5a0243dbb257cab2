import "server-only";
import { randomUUID } from "node:crypto";
import { withService } from "@/lib/db";
import { enqueue } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { generateReportQueue, type GenerateReportInput } from "./queue";
import { latestDueSlot, nextRunAt } from "./schedule";
import { advanceSubscription, dueSubscriptions } from "./subscriptions";

/**
 * The platform job's pass (service role): one generation per due subscription, then the
 * subscription moves to its next slot. Enqueued before moving on, so a crash in between
 * repeats a dispatch rather than losing it; the repeat is a no-op because a run is unique per
 * subscription and slot (report_runs_one_per_dispatch) and the queue's singleton key.
 * Returns what it enqueued.
 */
export async function dispatchDueReports(now = new Date()): Promise<GenerateReportInput[]> {
  const due = await withService((tx) => dueSubscriptions(tx, now));
  const dispatched: GenerateReportInput[] = [];
  for (const subscription of due) {
    const slot = latestDueSlot(subscription, subscription.nextRunAt, now);
    const input = { subscriptionId: subscription.id, runId: randomUUID(), runAt: slot.toISOString(), scheduled: true };
    await enqueue(generateReportQueue, input, { singletonKey: `${subscription.id}:${input.runAt}` });
    const moved = await withService((tx) =>
      advanceSubscription(tx, subscription.id, subscription.nextRunAt, nextRunAt(subscription, now)),
    );
    if (moved) dispatched.push(input);
  }
  if (dispatched.length) logger.info({ reports: dispatched.length }, "scheduled reports dispatched");
  return dispatched;
}
