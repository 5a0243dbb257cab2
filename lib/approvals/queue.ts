import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

const draftInput = z.object({
  orgId: z.uuid(),
  conversationId: z.uuid(),
  inboundMessageId: z.uuid(),
  attempt: z.int().min(1).max(10).default(1),
});
export type DraftJobInput = { orgId: string; conversationId: string; inboundMessageId: string; attempt: number };

/**
 * Drafting a reply to an inbound message. The first attempt runs right after the message
 * is stored (draftSoon); this queue takes the follow-ups: a busy organization (all its
 * drafting slots in use) or a provider that timed out or throttled us.
 */
export const draftQueue = defineQueue({
  name: "ai.draft",
  input: draftInput,
  queue: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 180 },
  concurrency: 4,
  orgOf: (input) => input.orgId,
});

/** Every minute: overdue drafts expire, and missed drafts are made after all (lib/approvals/workers.ts). */
export const approvalsSweepQueue = defineQueue({
  name: "approvals.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/** Drafts right after the caller's transaction commits; follow-ups go to the queue. */
export function draftSoon(input: Omit<DraftJobInput, "attempt">): void {
  runJobSoon(draftQueue, { ...input, attempt: 1 });
}
