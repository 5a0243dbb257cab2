import "server-only";
import { withService } from "@/lib/db";
import { logger } from "@/lib/log";
import { notifyWithResult } from "@/lib/notifications/notify";

type DueTask = { id: string; org_id: string; lead_id: string | null; title: string; due_at: Date; assignee_id: string };

/**
 * Open tasks whose due time has come and that were not reminded for that due time: their
 * assignee hears about it through the notification system (category `task_reminders`; quiet
 * hours, in the assignee's own zone, and channels are the notification module's to apply). Once
 * per task and due time: `reminded_for` records it and the notification's dedupe key refuses a
 * second; a snoozed or rescheduled task has a new due time and is reminded again. Tasks due more
 * than a day ago when first seen (the worker was down) are marked without a reminder.
 * SERVICE ROLE: a scheduled job across all organizations.
 */
export async function sendTaskReminders(clock?: Date): Promise<number> {
  // A test's own clock drives delivery itself (notifyWithResult); the real one delivers after commit.
  const now = clock ?? new Date();
  const due = await withService(async (tx) => {
    await tx.query(
      `update public.tasks set reminded_for = due_at, reminded_at = $1
        where completed_at is null and due_at <= $1::timestamptz - interval '1 day'
          and reminded_for is distinct from due_at`,
      [now],
    );
    const { rows } = await tx.query<DueTask>(
      `select t.id, t.org_id, t.lead_id, t.title, t.due_at, t.assignee_id
         from public.tasks t
        where t.completed_at is null and t.due_at <= $1 and t.assignee_id is not null
          and t.reminded_for is distinct from t.due_at
        order by t.due_at
        limit 500
        for update skip locked`,
      [now],
    );
    return rows;
  });
  let sent = 0;
  for (const task of due) {
    await withService(async (tx) => {
      // Marked in the same transaction as the notification: both land or neither does.
      const { rowCount } = await tx.query(
        `update public.tasks set reminded_for = due_at, reminded_at = $2
          where id = $1 and due_at = $3 and completed_at is null and reminded_for is distinct from due_at`,
        [task.id, now, task.due_at],
      );
      if (!rowCount) return;
      const result = await notifyWithResult(
        tx,
        {
          kind: "task_reminder",
          orgId: task.org_id,
          taskId: task.id,
          leadId: task.lead_id,
          title: task.title,
          dueAt: new Date(task.due_at).toISOString(),
          userId: task.assignee_id,
        },
        clock,
      );
      sent += result.notifications.length;
    });
  }
  if (due.length) logger.info({ reminders: sent }, "task reminders");
  return sent;
}
