/**
 * Demo data only: the seed builds its leads, conversations, drafts and meetings through the
 * modules that notify, so a fresh install starts with dozens of notifications per person
 * (every BANT qualification and heat change of 500 leads) and an email, push and SMS
 * delivery queued for each. A new user should see a handful of unread items, not a wall,
 * and starting the app must not send a burst of emails about things that never happened.
 */
import "server-only";
import { actAs, type Tx } from "@/lib/db";
import type { DeliveryErrorKind } from "@/lib/notifications/delivery-errors";

/** Worded on the delivery's badge ("skipped") in the reader's language, so nobody takes it for a failure. */
export const DEMO_DELIVERY_NOTE: DeliveryErrorKind = "demo_not_sent";

export type SettledNotifications = { markedRead: number; deliveriesSkipped: number };

/**
 * Leaves the `keepUnread` newest in-app notifications of each person in each organization
 * unread (in the notification center's own order: created_at, then id, newest first) and marks
 * the rest read; every delivery still waiting (pending, or held for quiet hours) is marked
 * skipped, which the delivery workers never pick up again.
 * SERVICE ROLE: writes other users' notifications; called by the seed only.
 */
export async function settleDemoNotifications(
  tx: Tx,
  options: { orgIds: string[]; keepUnread?: number },
): Promise<SettledNotifications> {
  const keep = options.keepUnread ?? 5;
  await actAs(tx, "service_role");
  const read = await tx.query(
    `update public.notifications n set read_at = now()
       from (select id, row_number() over (partition by user_id, org_id order by created_at desc, id desc) as rank
               from public.notifications
              where org_id = any ($1::uuid[]) and in_app and read_at is null) ranked
      where n.id = ranked.id and ranked.rank > $2`,
    [options.orgIds, keep],
  );
  const skipped = await tx.query(
    `update public.notification_deliveries
        set status = 'skipped', last_error_kind = $2, last_error_params = '{}'::jsonb, held_until = null, claimed_until = null
      where org_id = any ($1::uuid[]) and status in ('pending', 'held') and digest_id is null`,
    [options.orgIds, DEMO_DELIVERY_NOTE],
  );
  return { markedRead: read.rowCount ?? 0, deliveriesSkipped: skipped.rowCount ?? 0 };
}
