import "server-only";
import { withService } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { draftReply, type DraftRun } from "./draft";
import { approvalsSweepQueue, draftQueue, type DraftJobInput } from "./queue";

export const draftJob = defineJob({
  ...draftQueue,
  async run(input) {
    const run = await draftReply(input);
    await followUp(input, run);
  },
  async soon(job) {
    try {
      await followUp(job, await draftReply(job));
    } catch (error) {
      logger.error({ err: error, conversationId: job.conversationId }, "AI draft failed; queued for a retry");
      await enqueue(draftQueue, job, { startAfterSeconds: 5 });
    }
  },
});

/** What happens after an attempt: nothing, or the next attempt on the queue. */
async function followUp(input: DraftJobInput, run: DraftRun): Promise<void> {
  if (run.status === "busy") {
    // Not a failure: the organization's slots are taken; try again in a moment, same attempt.
    await enqueue(draftQueue, input, { startAfterSeconds: 2 });
  } else if (run.status === "retry") {
    await enqueue(draftQueue, { ...input, attempt: input.attempt + 1 }, { startAfterSeconds: 5 * input.attempt });
  }
}

/** Retires drafts that waited past their expiry; returns how many. */
export async function expireOverdueTasks(): Promise<number> {
  return withService(async (tx) => {
    const { rowCount } = await tx.query(
      "update public.hil_tasks set status = 'expired', decision_note_kind = 'expired' where status = 'pending' and expires_at <= now()",
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
         join lateral (select id from public.messages where conversation_id = c.id and direction = 'inbound' and author_type = 'lead'
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
    await enqueue(
      draftQueue,
      { orgId: row.org_id, conversationId: row.conversation_id, inboundMessageId: row.message_id, attempt: 1 },
      { singletonKey: row.message_id },
    );
  }
  return missing.length;
}

/** Every minute: overdue drafts expire, and missed drafts are made after all. */
export const approvalsSweepJob = defineJob({
  ...approvalsSweepQueue,
  async run() {
    const expired = await expireOverdueTasks();
    const redrafts = await redraftMissed();
    if (expired || redrafts) logger.info({ expired, redrafts }, "approvals sweep");
  },
});
