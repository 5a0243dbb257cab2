import "server-only";
import type { Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/http/errors";
import { FALLBACK_TIME_ZONE } from "@/lib/preferences/derived";
import { readerOf } from "@/lib/i18n/reader";
import { translatorFor } from "@/lib/i18n/translator";
import { logger } from "@/lib/log";
import { detectCallbackRequest } from "./callbacks";
import type { Task, TaskSuggestion } from "./schema";
import { createTask, type Clock } from "./store";

/**
 * `public.task_suggestions`: the one writer. The inbound pipeline proposes (as the service role,
 * once per message); a member who may see the lead accepts (a task assigned to them) or
 * dismisses it, under RLS.
 */

type Row = {
  id: string;
  kind: "callback";
  lead_id: string;
  lead_name: string | null;
  conversation_id: string | null;
  due_at: Date | null;
  quote: string;
  created_at: Date;
};

const toSuggestion = (row: Row): TaskSuggestion => ({
  id: row.id,
  kind: row.kind,
  leadId: row.lead_id,
  leadName: row.lead_name,
  conversationId: row.conversation_id,
  dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
  quote: row.quote,
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Called by inbox ingestion inside its transaction when a lead's message lands: a callback
 * request with a time becomes a pending suggestion on the lead and thread. The time is read on
 * the wall clock of whoever will call (the thread's assignee, else the lead's owner; UTC when
 * nobody holds it yet). Never fails the ingestion: a problem here is logged and undone alone.
 */
export async function proposeTaskFromMessage(
  tx: Tx,
  input: { orgId: string; leadId: string; conversationId: string; messageId: string; body: string | null; at?: Date },
): Promise<string | null> {
  if (!input.body?.trim()) return null;
  await tx.query("savepoint kiln_task_suggestion");
  try {
    const { rows } = await tx.query<{ user_id: string | null }>(
      `select coalesce(c.assignee_id, l.owner_id) as user_id
         from public.conversations c join public.leads l on l.id = c.lead_id where c.id = $1`,
      [input.conversationId],
    );
    const userId = rows[0]?.user_id ?? null;
    const timeZone = userId ? (await readerOf(tx, userId)).timeZone : FALLBACK_TIME_ZONE;
    const request = detectCallbackRequest(input.body, { now: input.at ?? new Date(), timeZone });
    let id: string | null = null;
    if (request) {
      const inserted = await tx.query<{ id: string }>(
        `insert into public.task_suggestions (org_id, lead_id, conversation_id, message_id, kind, due_at, quote)
         values ($1, $2, $3, $4, 'callback', $5, $6)
         on conflict (message_id, kind) where message_id is not null do nothing
         returning id`,
        [input.orgId, input.leadId, input.conversationId, input.messageId, request.dueAt, request.quote],
      );
      id = inserted.rows[0]?.id ?? null;
    }
    await tx.query("release savepoint kiln_task_suggestion");
    return id;
  } catch (error) {
    await tx.query("rollback to savepoint kiln_task_suggestion");
    logger.error({ err: error, orgId: input.orgId, messageId: input.messageId }, "task suggestion failed");
    return null;
  }
}

/** Pending suggestions on a lead or thread the caller may see, newest first. */
export async function listTaskSuggestions(
  tx: Tx,
  orgId: string,
  filter: { leadId?: string; conversationId?: string },
): Promise<TaskSuggestion[]> {
  const { rows } = await tx.query<Row>(
    `select s.id, s.kind, s.lead_id, l.name as lead_name, s.conversation_id, s.due_at, s.quote, s.created_at
       from public.task_suggestions s left join public.leads l on l.id = s.lead_id
      where s.org_id = $1 and s.status = 'pending'
        and ($2::uuid is null or s.lead_id = $2) and ($3::uuid is null or s.conversation_id = $3)
      order by s.created_at desc limit 20`,
    [orgId, filter.leadId ?? null, filter.conversationId ?? null],
  );
  return rows.map(toSuggestion);
}

async function pending(tx: Tx, orgId: string, id: string): Promise<Row> {
  const { rows } = await tx.query<Row & { status: string }>(
    `select s.id, s.kind, s.lead_id, l.name as lead_name, s.conversation_id, s.due_at, s.quote, s.created_at, s.status
       from public.task_suggestions s left join public.leads l on l.id = s.lead_id
      where s.id = $1 and s.org_id = $2 for update of s`,
    [id, orgId],
  );
  const row = rows[0];
  if (!row) throw notFound("taskSuggestionNotFound");
  if (row.status !== "pending") throw conflict("taskSuggestionDecided");
  return row;
}

/**
 * One click: the suggestion becomes a call task for the caller on its lead and thread, due when
 * the lead asked, titled in the caller's language ("Call back Dana"), which they may edit.
 */
export async function acceptTaskSuggestion(
  tx: Tx,
  orgId: string,
  id: string,
  clock: Clock & { locale: string | null },
): Promise<Task> {
  const suggestion = await pending(tx, orgId, id);
  const t = translatorFor(clock.locale, "tasks", clock.timeZone);
  const task = await createTask(
    tx,
    orgId,
    {
      title: t("suggestions.taskTitle", { lead: suggestion.lead_name ?? t("suggestions.theLead") }),
      notes: suggestion.quote,
      category: "call",
      priority: "normal",
      dueAt: suggestion.due_at,
      leadId: suggestion.lead_id,
      conversationId: suggestion.conversation_id,
    },
    clock,
  );
  await tx.query(
    `update public.task_suggestions set status = 'accepted', task_id = $2, decided_by = auth.uid(), decided_at = now()
      where id = $1`,
    [id, task.id],
  );
  return task;
}

export async function dismissTaskSuggestion(tx: Tx, orgId: string, id: string): Promise<void> {
  await pending(tx, orgId, id);
  await tx.query(
    `update public.task_suggestions set status = 'dismissed', decided_by = auth.uid(), decided_at = now() where id = $1`,
    [id],
  );
}
