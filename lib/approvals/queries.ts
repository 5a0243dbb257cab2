import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { openCursor, sealCursor } from "@/lib/http/cursor";
import type { Translate } from "@/lib/i18n/translate";
import { nextEmailHeaders } from "@/lib/inbox/email-reply";
import { renderDecisionNote, storedDecisionReason } from "./notes";
import type { ListTasksQuery } from "./schema";
import type { ApprovalTask, BantSuggestion, TaskContextMessage, TaskDetail, TaskFeedback } from "./types";

const cursorSchema = z.object({ at: z.string().min(1).max(64), id: z.uuid() });

const TASK_COLUMNS = `
  t.id, t.kind, t.status, t.payload, t.created_at as "createdAt", t.expires_at as "expiresAt", t.decided_at as "decidedAt",
  case when t.decided_by is null then null
       else jsonb_build_object('id', t.decided_by, 'name', coalesce(nullif(dp.full_name, ''), dp.email)) end as "decidedBy",
  t.decision_note as "decisionNote", t.decision_note_kind as "decisionNoteKind", t.decision_note_params as "decisionNoteParams",
  case when a.id is null then null else jsonb_build_object('id', a.id, 'name', a.name) end as agent,
  t.assignee_id as "assigneeId",
  case when l.id is null then null
       else jsonb_build_object('id', l.id, 'name', l.name, 'heatLevel', l.heat_level, 'bantScore', l.bant_score) end as lead,
  case when c.id is null then null else jsonb_build_object('id', c.id, 'channel', c.medium, 'mode', c.mode) end as conversation,
  t.sent_message_id as "sentMessageId",
  (select e.subject from public.email_messages e where e.message_id = t.sent_message_id) as "sentEmailSubject"`;

const TASK_JOINS = `
  left join public.ai_agents a on a.id = t.agent_id
  left join public.leads l on l.id = t.lead_id
  left join public.conversations c on c.id = t.conversation_id
  left join public.profiles dp on dp.id = t.decided_by`;

/** A task row as selected by TASK_COLUMNS: the note's kind and parameters not yet worded, the email subject not yet known. */
type TaskRow = Omit<ApprovalTask, "decisionReason" | "conversation"> & {
  conversation: Omit<NonNullable<ApprovalTask["conversation"]>, "email"> | null;
  decisionNoteKind: string | null;
  decisionNoteParams: unknown;
  sentEmailSubject: string | null;
};

/**
 * The rows as the reader gets them: the decision note in their language (`t` scoped to
 * `approvals`), and in an email thread the subject the reviewer approves along with the text:
 * the one it went out with once sent; while pending, the one the thread's next email carries,
 * read from lib/inbox (one query per email thread on the page) so the card and the sent email
 * cannot disagree. A draft that was never sent has none.
 */
async function present(tx: Tx, orgId: string, rows: TaskRow[], t: Translate): Promise<ApprovalTask[]> {
  const nextSubjects = new Map<string, string>();
  for (const row of rows) {
    const conversation = row.conversation;
    const waiting = row.status === "pending" && row.sentEmailSubject === null;
    if (conversation?.channel !== "email" || !waiting || nextSubjects.has(conversation.id)) continue;
    // One after another: a transaction is one connection, which runs one statement at a time.
    nextSubjects.set(conversation.id, (await nextEmailHeaders(tx, orgId, conversation.id)).subject);
  }
  return rows.map(({ decisionNoteKind, decisionNoteParams, sentEmailSubject, conversation, ...task }) => {
    const decisionReason = storedDecisionReason(decisionNoteKind, decisionNoteParams);
    const subject =
      conversation?.channel !== "email"
        ? null
        : (sentEmailSubject ?? (task.status === "pending" ? nextSubjects.get(conversation.id) : null));
    return {
      ...task,
      conversation: conversation && { ...conversation, email: subject != null ? { subject } : null },
      decisionNote: renderDecisionNote(task.decisionNote, decisionReason, t),
      decisionReason,
    };
  });
}

/** Pending means still decidable: a task past its expiry is shown as expired even before the sweep marks it. */
const PENDING = "t.status = 'pending' and (t.expires_at is null or t.expires_at > now())";

/** The queue: oldest pending first (who has waited longest), decided ones newest first; keyset on (created_at, id). */
export async function listTasks(
  tx: Tx,
  orgId: string,
  query: ListTasksQuery,
  t: Translate,
): Promise<{ tasks: ApprovalTask[]; nextCursor: string | null; counts: { pending: number } }> {
  const params: unknown[] = [orgId];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["t.org_id = $1"];
  if (query.status === "pending") where.push(PENDING);
  else if (query.status === "expired")
    where.push("(t.status = 'expired' or (t.status = 'pending' and t.expires_at <= now()))");
  else where.push(`t.status = ${add(query.status)}`);
  if (query.kind) where.push(`t.kind = ${add(query.kind)}`);
  if (query.agentId) where.push(`t.agent_id = ${add(query.agentId)}::uuid`);
  if (query.conversationId) where.push(`t.conversation_id = ${add(query.conversationId)}::uuid`);
  if (query.heat?.length) where.push(`l.heat_level = any(${add(query.heat)}::text[])`);
  if (query.olderThanMinutes !== undefined)
    where.push(`t.created_at <= now() - make_interval(mins => ${add(query.olderThanMinutes)})`);
  const ascending = query.status === "pending";
  const cursor = query.cursor ? openCursor(query.cursor, cursorSchema) : null;
  if (cursor)
    where.push(
      `(t.created_at, t.id) ${ascending ? ">" : "<"} (${add(cursor.at)}::timestamptz, ${add(cursor.id)}::uuid)`,
    );
  const order = ascending ? "asc" : "desc";
  // One after another: a transaction is one connection, which runs one statement at a time.
  const { rows } = await tx.query<TaskRow & { cursorAt: string }>(
    `select ${TASK_COLUMNS}, t.created_at::text as "cursorAt"
       from public.hil_tasks t ${TASK_JOINS}
      where ${where.join(" and ")}
      order by t.created_at ${order}, t.id ${order}
      limit ${add(query.limit + 1)}`,
    params,
  );
  const pending = await countPendingTasks(tx, orgId);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    tasks: await present(
      tx,
      orgId,
      page.map(({ cursorAt: _cursorAt, ...task }) => task),
      t,
    ),
    nextCursor: rows.length > query.limit && last ? sealCursor({ at: last.cursorAt, id: last.id }) : null,
    counts: { pending },
  };
}

/** One task, its decision note worded with `t` (scoped to `approvals`). */
export async function getTask(tx: Tx, orgId: string, id: string, t: Translate): Promise<ApprovalTask | null> {
  const { rows } = await tx.query<TaskRow>(
    `select ${TASK_COLUMNS} from public.hil_tasks t ${TASK_JOINS} where t.id = $1 and t.org_id = $2`,
    [id, orgId],
  );
  return rows[0] ? ((await present(tx, orgId, rows, t))[0] ?? null) : null;
}

/** A task with the thread it belongs to (the last 20 messages, oldest first) and everyone's feedback. */
export async function getTaskDetail(tx: Tx, orgId: string, id: string, t: Translate): Promise<TaskDetail | null> {
  const task = await getTask(tx, orgId, id, t);
  if (!task) return null;
  const messages = task.conversation
    ? await tx.query<TaskContextMessage>(
        `select id, direction, body, created_at as "createdAt", status from public.messages
          where conversation_id = $1 and org_id = $2 order by created_at desc, id desc limit 20`,
        [task.conversation.id, orgId],
      )
    : { rows: [] as TaskContextMessage[] };
  const feedback = await tx.query<TaskFeedback>(
    `select rating, comment, user_id as "userId" from public.ai_feedback where task_id = $1 order by updated_at`,
    [id],
  );
  return { task, context: { messages: messages.rows.reverse() }, feedback: feedback.rows };
}

/** Pending drafts the caller can see (the sidebar badge). */
export async function countPendingTasks(tx: Tx, orgId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from public.hil_tasks t where t.org_id = $1 and ${PENDING}`,
    [orgId],
  );
  return rows[0]?.n ?? 0;
}

export async function listBantSuggestions(tx: Tx, orgId: string, leadId: string): Promise<BantSuggestion[]> {
  const { rows } = await tx.query<BantSuggestion>(
    `select id, dimension, status, value, quote, confidence, message_id as "messageId", created_at as "createdAt"
       from public.bant_suggestions where org_id = $1 and lead_id = $2 and state = 'pending'
      order by created_at desc, id desc limit 50`,
    [orgId, leadId],
  );
  return rows;
}
