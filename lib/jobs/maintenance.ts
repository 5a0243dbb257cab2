import { z } from "zod";
import { withService } from "@/lib/db";
import { pruneRateLimitCounters } from "@/lib/http/rate-limit";
import { decayLeads } from "@/lib/leads/decay";
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
 * unconfirmed sign-ups, dead sessions,
 * leads soft-deleted more than 30 days ago (the restore window), and processed webhook
 * payloads after 30 days (they hold people's numbers; the messages they made stay).
 */
export const pruneJob = defineJob({
  name: "maintenance.prune",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1_800 },
  schedule: "45 3 * * *",
  async run() {
    const counts = await withService(async (tx) => {
      const run = async (sql: string) => (await tx.query(sql)).rowCount;
      return {
        loginAttempts: await run("delete from public.login_attempts where created_at < now() - interval '1 day'"),
        rateLimitCounters: await pruneRateLimitCounters(tx),
        signUpRequests: await run("delete from public.sign_up_requests where expires_at < now()"),
        sessions: await run("delete from public.user_sessions where coalesce(revoked_at, expires_at) < now() - interval '30 days'"),
        leads: await run("delete from public.leads where deleted_at < now() - interval '30 days'"),
        inboundEvents: await run("delete from public.inbound_events where state in ('processed', 'unroutable') and received_at < now() - interval '30 days'"),
      };
    });
    logger.info(counts, "daily prune");
  },
});
