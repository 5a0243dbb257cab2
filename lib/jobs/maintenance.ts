import "server-only";
import { z } from "zod";
import { pruneAuthRecords } from "@/lib/auth/retention";
import { withService } from "@/lib/db";
import { pruneIdempotencyKeys } from "@/lib/http/idempotency";
import { pruneRateLimitCounters } from "@/lib/http/rate-limit";
import { pruneServerErrors } from "@/lib/http/server-errors";
import { pruneInboundEvents } from "@/lib/inbound/events";
import { decayLeads } from "@/lib/leads/decay";
import { purgeDeletedLeads } from "@/lib/leads/mutations";
import { logger } from "@/lib/log";
import { defineJob } from "./define";

/** Daily: silence cools leads (see lib/leads/decay.ts). */
export const leadsDecayJob = defineJob({
  name: "leads.decay",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 3_600 },
  schedule: "15 3 * * *",
  async run() {
    const report = await decayLeads();
    logger.info(report, "daily heat review");
  },
});

/**
 * Daily housekeeping of platform bookkeeping: sign-in throttling rows, rate-limit counters,
 * the public API's idempotent answers after their 24 hours,
 * unconfirmed sign-ups, dead sessions,
 * leads soft-deleted more than 30 days ago (the restore window), and processed webhook
 * payloads after 30 days (they hold people's numbers; the messages they made stay), and the
 * platform admins' record of server errors after 30 days.
 */
export const pruneJob = defineJob({
  name: "maintenance.prune",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1_800 },
  schedule: "45 3 * * *",
  async run() {
    // Each table's owner prunes its own rows.
    const counts = await withService(async (tx) => ({
      ...(await pruneAuthRecords(tx)),
      rateLimitCounters: await pruneRateLimitCounters(tx),
      idempotencyKeys: await pruneIdempotencyKeys(tx),
      leads: await purgeDeletedLeads(tx),
      inboundEvents: await pruneInboundEvents(tx),
      serverErrors: await pruneServerErrors(tx),
    }));
    logger.info(counts, "daily prune");
  },
});
