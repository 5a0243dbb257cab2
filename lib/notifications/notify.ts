import "server-only";
import type { Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import type { Role } from "@/lib/auth/roles";
import { composeNotification } from "./compose";
import { deliverSoon } from "./queue";
import type { NotificationEvent } from "./events";
import { recipientsFor } from "./recipients";

type Context = {
  leadOwnerId: string | null;
  leadName: string | null;
  conversationAssigneeId: string | null;
  meetingOwnerId: string | null;
  members: { userId: string; role: Role }[];
};

type Created = {
  notificationId: string;
  userId: string;
  inApp: boolean;
  deliveries: { id: string; channel: "email" | "push" | "sms" }[];
};

/** What notify() wrote, for callers and tests that want to know. */
export type NotifyResult = { notifications: Created[] };

/**
 * Reports an event to the notifications module: it decides the recipients
 * (recipients.ts), writes their rows through private.create_notifications (which checks
 * the caller and applies each recipient's channel switches) and, after the caller's
 * transaction commits, delivers email, push and SMS (quiet hours are applied then).
 *
 * Works inside withRls (any member acting: the actor is not told about their own action)
 * and withService (webhooks, jobs). Rows exist iff the caller's transaction commits. A
 * failure here never aborts the caller's work: it runs under a savepoint, is logged and
 * rolled back on its own, so an inbound message is never lost because a notification
 * could not be written.
 */
export async function notify(tx: Tx, event: NotificationEvent): Promise<void> {
  await notifyWithResult(tx, event);
}

/**
 * notify() that says what it wrote. A caller that passes its own `now` (a test replaying the
 * night, say) drives delivery itself: the after-commit attempt would run on the real clock.
 */
export async function notifyWithResult(tx: Tx, event: NotificationEvent, now?: Date): Promise<NotifyResult> {
  await tx.query("savepoint kiln_notify");
  try {
    const result = await write(tx, event, now ?? new Date());
    await tx.query("release savepoint kiln_notify");
    const deliveries = result.notifications.flatMap((n) => n.deliveries.map((d) => d.id));
    if (deliveries.length && !now) deliverSoon(deliveries);
    return result;
  } catch (error) {
    await tx.query("rollback to savepoint kiln_notify");
    logger.error({ err: error, kind: event.kind, orgId: event.orgId }, "notification could not be created");
    return { notifications: [] };
  }
}

async function write(tx: Tx, event: NotificationEvent, now: Date): Promise<NotifyResult> {
  const leadId = "leadId" in event ? event.leadId : null;
  const conversationId = "conversationId" in event ? event.conversationId : null;
  const meetingId = "meetingId" in event ? event.meetingId : null;
  const { rows } = await tx.query<{ context: Context; actor: string | null }>(
    `select private.notification_context($1, $2, $3, $4) as context,
            case when auth.role() = 'authenticated' then auth.uid() end as actor`,
    [event.orgId, leadId, conversationId, meetingId],
  );
  const { context, actor } = rows[0]!;
  const recipients = recipientsFor(event, { ...context, actorId: actor });
  if (!recipients.length) return { notifications: [] };

  const item = composeNotification(event, { leadName: context.leadName }, now);
  const created = await tx.query<{ created: Created[] }>("select private.create_notifications($1, $2, $3) as created", [
    event.orgId,
    recipients,
    item,
  ]);
  return { notifications: created.rows[0]!.created };
}
