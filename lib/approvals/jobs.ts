import { z } from "zod";
import { withService, type Tx } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { runSoon } from "@/lib/jobs/soon";
import { logger } from "@/lib/log";
import { draftReply, type DraftJobInput, type DraftRun } from "./draft";
import { supersedePendingDrafts } from "./supersede";

const draftInput = z.object({ orgId: z.uuid(), conversationId: z.uuid(), inboundMessageId: z.uuid(), attempt: z.int().min(1).max(10).default(1) });

/**
 * Drafting a reply to an inbound message. The first attempt runs right after the message
 * is stored (draftSoon); this queue takes the follow-ups: a busy organization (all its
 * drafting slots in use) or a provider that timed out or throttled us.
 */
export const draftJob = defineJob({
  name: "ai.draft",
  input: draftInput,
  queue: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 180 },
  concurrency: 4,
  orgOf: (input) => input.orgId,
  async run(input) {
    const run = await draftReply(input);
    await followUp(input, run);
  },
});

/** What happens after an attempt: nothing, or the next attempt on the queue. */
async function followUp(input: DraftJobInput, run: DraftRun): Promise<void> {
  if (run.status === "busy") {
    // Not a failure: the organization's slots are taken; try again in a moment, same attempt.
    await enqueue(draftJob, input, { startAfterSeconds: 2 });
  } else if (run.status === "retry") {
    await enqueue(draftJob, { ...input, attempt: input.attempt + 1 }, { startAfterSeconds: 5 * input.attempt });
  }
}

/** Drafts right after the caller's transaction commits; follow-ups go to the queue. */
export function draftSoon(input: Omit<DraftJobInput, "attempt">): void {
  const job = { ...input, attempt: 1 };
  runSoon("ai.draft", async () => {
    try {
      await followUp(job, await draftReply(job));
    } catch (error) {
      logger.error({ err: error, conversationId: input.conversationId }, "AI draft failed; queued for a retry");
      await enqueue(draftJob, job, { startAfterSeconds: 5 });
    }
  });
}

/**
 * Called by inbox ingestion inside its transaction when a lead's message lands. A pending
 * draft is now stale whoever answers next; in AI mode with an active agent (its own or the default) a
 * fresh one is drafted once the transaction commits (the advisory lock taken here makes
 * the drafting job wait for that commit).
 */
export async function draftAfterInbound(tx: Tx, input: { orgId: string; conversationId: string; messageId: string }): Promise<void> {
  await supersedePendingDrafts(tx, input.orgId, input.conversationId, "The lead wrote again; a fresh draft replaces this one.");
  const { rows } = await tx.query<{ drafts: boolean }>(
    `select c.mode = 'ai' and exists (select 1 from public.ai_agents a where a.org_id = c.org_id and a.active and (a.is_default or a.id = c.agent_id)) as drafts
       from public.conversations c where c.id = $1`,
    [input.conversationId],
  );
  if (!rows[0]?.drafts) return;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`ai-draft:${input.conversationId}`]);
  draftSoon({ orgId: input.orgId, conversationId: input.conversationId, inboundMessageId: input.messageId });
}

/** Retires drafts that waited past their expiry; returns how many. */
export async function expireOverdueTasks(): Promise<number> {
  return withService(async (tx) => {
    const { rowCount } = await tx.query(
      "update public.hil_tasks set status = 'expired', decision_note = 'Nobody decided in time.' where status = 'pending' and expires_at <= now()",
    );
    return rowCount;
  });
}

/**
 * Lead messages whose draft never happened (the process stopped between storing the message
 * and drafting), recent enough to still matter; queued for drafting. Returns how many.
 */
export async function redraftMissed(): Promise<number> {
  const missing = await withService(async (tx) => {
    const { rows } = await tx.query<{ org_id: string; conversation_id: string; message_id: string }>(
      `select c.org_id, c.id as conversation_id, m.id as message_id
         from public.conversations c
         join lateral (select id from public.messages where conversation_id = c.id and direction = 'inbound'
                        order by created_at desc, id desc limit 1) m on true
        where c.mode = 'ai' and c.last_message_direction = 'inbound'
          and c.last_inbound_at between now() - interval '30 minutes' and now() - interval '90 seconds'
          and exists (select 1 from public.ai_agents a where a.org_id = c.org_id and a.active and (a.is_default or a.id = c.agent_id))
          and not exists (select 1 from public.hil_tasks t where t.inbound_message_id = m.id)
        limit 100`,
    );
    return rows;
  });
  for (const row of missing) {
    await enqueue(draftJob, { orgId: row.org_id, conversationId: row.conversation_id, inboundMessageId: row.message_id, attempt: 1 }, { singletonKey: row.message_id });
  }
  return missing.length;
}

/** Every minute: overdue drafts expire, and missed drafts are made after all. */
export const approvalsSweepJob = defineJob({
  name: "approvals.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  async run() {
    const expired = await expireOverdueTasks();
    const redrafts = await redraftMissed();
    if (expired || redrafts) logger.info({ expired, redrafts }, "approvals sweep");
  },
});
