import "server-only";
import type { Tx } from "@/lib/db";
import { invalid, notFound } from "@/lib/http/errors";
import { currentReader } from "@/lib/i18n/reader";
import { insertLeadEvent } from "@/lib/leads/events";
import { dueLanguageOf, parseDue, snoozeUntil } from "./dates";
import type { CreateTaskInput, ListTasksQuery, Task, TaskCategory, TaskPriority, UpdateTaskInput } from "./schema";
import { dayBounds } from "./views";

/**
 * `public.tasks`: the one writer. Every function runs as the signed-in user (withRls): RLS
 * decides which tasks they see and change (their own, those on leads they may see, the team's
 * for managers), and the guard trigger that a rep gives tasks only to themselves.
 */

/** The caller's "now" and time zone: views ("today") and snoozes ("tomorrow") are on their wall clock. */
export type Clock = { now: Date; timeZone: string };

export async function callerClock(tx: Tx, now = new Date()): Promise<Clock & { locale: string | null }> {
  const reader = await currentReader(tx);
  return { now, timeZone: reader.timeZone, locale: reader.locale };
}

type Row = {
  id: string;
  title: string;
  notes: string | null;
  category: TaskCategory;
  priority: TaskPriority;
  due_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  lead_id: string | null;
  lead_name: string | null;
  conversation_id: string | null;
  created_by: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  snooze_count: number;
  created_at: Date;
  updated_at: Date;
};

// The lead's name only when the caller may see the lead (the join runs under the leads policy).
const SELECT = `
  select t.id, t.title, t.notes, t.category, t.priority, t.due_at, t.assignee_id,
         nullif(coalesce(nullif(p.full_name, ''), p.email), '') as assignee_name,
         t.lead_id, l.name as lead_name, t.conversation_id, t.created_by, t.completed_at, t.completed_by,
         t.snooze_count, t.created_at, t.updated_at
    from public.tasks t
    left join public.profiles p on p.id = t.assignee_id
    left join public.leads l on l.id = t.lead_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toTask = (row: Row): Task => ({
  id: row.id,
  title: row.title,
  notes: row.notes,
  category: row.category,
  priority: row.priority,
  dueAt: iso(row.due_at),
  assigneeId: row.assignee_id,
  assigneeName: row.assignee_name,
  leadId: row.lead_id,
  leadName: row.lead_name,
  conversationId: row.conversation_id,
  createdBy: row.created_by,
  completedAt: iso(row.completed_at),
  completedBy: row.completed_by,
  snoozeCount: row.snooze_count,
  createdAt: iso(row.created_at)!,
  updatedAt: iso(row.updated_at)!,
});

/**
 * Tasks in `orgId` the caller may see. `mine`, `overdue`, `today`, `upcoming` and `done` are the
 * caller's own (assigned to them); `all` is every task they may see (a manager: the team's). With
 * a lead or conversation: that lead's or thread's tasks, whoever holds them, open ones unless
 * `open=false`.
 */
export async function listTasks(tx: Tx, orgId: string, query: ListTasksQuery, clock: Clock): Promise<Task[]> {
  const where = ["t.org_id = $1"];
  const values: unknown[] = [orgId];
  const add = (clause: string, ...params: unknown[]) => {
    let sql = clause;
    for (const param of params) {
      values.push(param);
      sql = sql.replace("?", `$${values.length}`);
    }
    where.push(sql);
  };
  const scoped = Boolean(query.leadId || query.conversationId);
  if (query.leadId) add("t.lead_id = ?", query.leadId);
  if (query.conversationId) add("t.conversation_id = ?", query.conversationId);
  const { endOfToday } = dayBounds(clock.now, clock.timeZone);
  let order = "t.due_at asc nulls last, t.created_at";
  if (scoped) {
    if (query.open !== "false") add("t.completed_at is null");
  } else {
    if (query.view !== "all") where.push("t.assignee_id = (select auth.uid())");
    switch (query.view) {
      case "done":
        where.push("t.completed_at is not null");
        order = "t.completed_at desc";
        break;
      case "overdue":
        add("t.completed_at is null and t.due_at < ?", clock.now);
        break;
      case "today":
        add("t.completed_at is null and t.due_at >= ? and t.due_at < ?", clock.now, endOfToday);
        break;
      case "upcoming":
        add("t.completed_at is null and (t.due_at >= ? or t.due_at is null)", endOfToday);
        break;
      default:
        where.push("t.completed_at is null");
    }
  }
  values.push(query.limit);
  const { rows } = await tx.query<Row>(
    `${SELECT} where ${where.join(" and ")} order by ${order}, t.id limit $${values.length}`,
    values,
  );
  return rows.map(toTask);
}

/** How many of the caller's open tasks are overdue, for the sidebar's badge. */
export async function countOverdueTasks(tx: Tx, orgId: string, now = new Date()): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from public.tasks
      where org_id = $1 and assignee_id = (select auth.uid()) and completed_at is null and due_at < $2`,
    [orgId, now],
  );
  return rows[0]?.n ?? 0;
}

export async function getTask(tx: Tx, orgId: string, id: string): Promise<Task> {
  const { rows } = await tx.query<Row>(`${SELECT} where t.org_id = $1 and t.id = $2`, [orgId, id]);
  if (!rows[0]) throw notFound("followUpNotFound");
  return toTask(rows[0]);
}

/**
 * A new task, assigned to the caller unless `assigneeId` names someone else (managers only). A
 * quick add's date is read on the caller's wall clock; with a conversation and no lead, the lead
 * is the conversation's.
 */
export async function createTask(
  tx: Tx,
  orgId: string,
  input: CreateTaskInput,
  clock: Clock & { locale: string | null },
): Promise<Task> {
  let title = input.title ?? "";
  let dueAt = input.dueAt ?? null;
  if (input.quickAdd) {
    const parsed = parseDue(input.quickAdd, { ...clock, language: dueLanguageOf(clock.locale) });
    title = input.title ?? (parsed?.title || input.quickAdd);
    dueAt = input.dueAt ?? parsed?.dueAt ?? null;
  }
  title = title.trim().slice(0, 200);
  if (!title) throw invalid({ title: ["taskTitleRequired"] });
  let leadId = input.leadId ?? null;
  if (input.conversationId && !leadId) {
    const { rows } = await tx.query<{ lead_id: string }>(
      "select lead_id from public.conversations where id = $1 and org_id = $2",
      [input.conversationId, orgId],
    );
    if (!rows[0]) throw notFound("conversationNotFound");
    leadId = rows[0].lead_id;
  }
  if (leadId) {
    const { rows } = await tx.query("select 1 from public.leads where id = $1 and org_id = $2", [leadId, orgId]);
    if (!rows[0]) throw notFound("leadNotFound");
  }
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.tasks (org_id, title, notes, category, priority, due_at, assignee_id, lead_id, conversation_id)
     values ($1, $2, $3, $4, $5, $6, coalesce($7::uuid, auth.uid()), $8, $9)
     returning id`,
    [
      orgId,
      title,
      input.notes ?? null,
      input.category,
      input.priority,
      dueAt,
      input.assigneeId ?? null,
      leadId,
      input.conversationId ?? null,
    ],
  );
  return getTask(tx, orgId, rows[0]!.id);
}

/**
 * Edits a task and/or completes, reopens or snoozes it. Completing a task on a lead writes
 * "task completed" on the lead's timeline (when the caller may see the lead); reopening and
 * completing again writes it again.
 */
export async function updateTask(
  tx: Tx,
  orgId: string,
  id: string,
  input: UpdateTaskInput,
  clock: Clock,
): Promise<Task> {
  const { rows: current } = await tx.query<{ completed_at: Date | null; lead_id: string | null; title: string }>(
    "select completed_at, lead_id, title from public.tasks where id = $1 and org_id = $2 for update",
    [id, orgId],
  );
  const before = current[0];
  if (!before) throw notFound("followUpNotFound");

  const sets: string[] = [];
  const values: unknown[] = [id, orgId];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (input.title !== undefined) set("title", input.title);
  if (input.notes !== undefined) set("notes", input.notes);
  if (input.category !== undefined) set("category", input.category);
  if (input.priority !== undefined) set("priority", input.priority);
  if (input.dueAt !== undefined) set("due_at", input.dueAt);
  if (input.assigneeId !== undefined) set("assignee_id", input.assigneeId);
  const completing = input.action === "complete" && !before.completed_at;
  if (completing) {
    set("completed_at", clock.now);
    sets.push("completed_by = auth.uid()");
  }
  if (input.action === "reopen") {
    sets.push("completed_at = null", "completed_by = null");
  }
  if (input.action === "snooze") {
    set("due_at", input.until ?? snoozeUntil(input.snooze!, clock.now, clock.timeZone));
    set("snoozed_at", clock.now);
    sets.push("snooze_count = snooze_count + 1");
  }
  if (sets.length) {
    const { rowCount } = await tx.query(
      `update public.tasks set ${sets.join(", ")} where id = $1 and org_id = $2`,
      values,
    );
    if (!rowCount) throw notFound("followUpNotFound");
  }
  const task = await getTask(tx, orgId, id);
  if (completing && task.leadId && task.leadName !== null) await recordCompletion(tx, orgId, task);
  return task;
}

async function recordCompletion(tx: Tx, orgId: string, task: Task): Promise<void> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `select u.id, coalesce(nullif(p.full_name, ''), p.email, '') as name
       from (select auth.uid() as id) u left join public.profiles p on p.id = u.id`,
  );
  const me = rows[0]!;
  await insertLeadEvent(tx, {
    orgId,
    leadId: task.leadId!,
    type: "task_completed",
    actor: { type: "user", id: me.id, name: me.name },
    reasonKey: "task_completed",
    // The title is what a person typed: a parameter shown as written.
    reasonParams: { title: task.title, category: task.category },
    data: { taskId: task.id },
  });
}

export async function deleteTask(tx: Tx, orgId: string, id: string): Promise<void> {
  const { rowCount } = await tx.query("delete from public.tasks where id = $1 and org_id = $2", [id, orgId]);
  if (!rowCount) throw notFound("followUpNotFound");
}
