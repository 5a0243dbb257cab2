import "server-only";
import { z } from "zod";
import type { TableRow, Tx } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { notFound } from "@/lib/http/errors";
import { currentReader } from "@/lib/i18n/reader";
import { translatorFor } from "@/lib/i18n/translator";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { notificationCategorySchema } from "./categories";
import { renderDeliveryError, storedDeliveryError, type DeliveryError } from "./delivery-errors";
import { renderNotification, type NotificationParams } from "./render";

export const listNotificationsQuerySchema = z.object({
  category: notificationCategorySchema.optional(),
  unread: z
    .enum(["true", "false"], { error: "unreadFilterInvalid" })
    .optional()
    .transform((v) => v === "true"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, "atLeast1").max(100, "atMost100").default(20),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export type DeliveryState = {
  channel: "email" | "push" | "sms";
  status: "pending" | "held" | "sent" | "failed" | "skipped";
  attempts: number;
  /** Why it was not delivered, as a kind (delivery-errors.ts); the app words it in the reader's language. */
  error: DeliveryError | null;
  /** That error in the caller's language, for API clients that do not render kinds themselves. */
  lastError: string | null;
  heldUntil: string | null;
  sentAt: string | null;
};

export type NotificationItem = {
  id: string;
  kind: string;
  category: string;
  /** What the text is rendered from (render.ts); the app renders it in the reader's language itself. */
  params: NotificationParams;
  /** The text in the caller's language, for API clients that do not render kinds themselves. */
  title: string;
  message: string;
  type: "success" | "info" | "warning" | "error";
  priority: "normal" | "urgent";
  actionUrl: string | null;
  metadata: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
  deliveries: DeliveryState[];
};

export type NotificationPage = { notifications: NotificationItem[]; nextCursor: string | null };

type Row = Pick<TableRow<"notifications">, "id" | "kind" | "category" | "action_url" | "read_at" | "created_at"> & {
  params: NotificationParams;
  type: NotificationItem["type"];
  priority: NotificationItem["priority"];
  metadata: Record<string, unknown>;
  cursor_at: string;
  deliveries: {
    channel: DeliveryState["channel"];
    status: DeliveryState["status"];
    attempts: number;
    last_error_kind: string | null;
    last_error_params: Record<string, unknown>;
    held_until: string | null;
    sent_at: string | null;
  }[];
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The signed-in user's notifications in their current organization, newest first (RLS: only their own). */
export async function listNotifications(
  tx: Tx,
  orgId: string,
  userId: string,
  query: ListNotificationsQuery,
): Promise<NotificationPage> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const { rows } = await tx.query<Row>(
    `select n.id, n.kind, n.category, n.params, n.type, n.priority, n.action_url, n.metadata, n.read_at, n.created_at,
            to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
            coalesce((select json_agg(json_build_object('channel', d.channel, 'status', d.status, 'attempts', d.attempts,
                                                        'last_error_kind', d.last_error_kind,
                                                        'last_error_params', d.last_error_params, 'held_until', d.held_until, 'sent_at', d.sent_at)
                                      order by d.channel)
                        from public.notification_deliveries d where d.notification_id = n.id), '[]') as deliveries
       from public.notifications n
      where n.user_id = $1 and n.org_id = $2 and n.in_app
        and ($3::text is null or n.category = $3)
        and (not $4::boolean or n.read_at is null)
        and ($5::timestamptz is null or (n.created_at, n.id) < ($5::timestamptz, $6::uuid))
      order by n.created_at desc, n.id desc
      limit $7`,
    [userId, orgId, query.category ?? null, query.unread, cursor?.at ?? null, cursor?.id ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const reader = await currentReader(tx);
  const t = translatorFor(reader.locale, "notificationTexts", reader.timeZone, reader.data);
  const heatLine = heatLineTextFor(reader.locale, reader.timeZone, reader.data);
  const tn = translatorFor(reader.locale, "notifications", reader.timeZone);
  return {
    notifications: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      category: r.category,
      params: r.params,
      ...renderNotification(r.kind, r.params, t, heatLine),
      type: r.type,
      priority: r.priority,
      actionUrl: r.action_url,
      metadata: r.metadata,
      readAt: iso(r.read_at),
      createdAt: iso(r.created_at)!,
      deliveries: r.deliveries.map((d) => {
        const error = storedDeliveryError(d.last_error_kind, d.last_error_params);
        return {
          channel: d.channel,
          status: d.status,
          attempts: d.attempts,
          error,
          lastError: error ? renderDeliveryError(error, tn) : null,
          heldUntil: iso(d.held_until),
          sentAt: iso(d.sent_at),
        };
      }),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}

export async function unreadCount(tx: Tx, orgId: string, userId: string): Promise<number> {
  const { rows } = await tx.query<{ count: number }>(
    "select count(*)::int as count from public.notifications where user_id = $1 and org_id = $2 and in_app and read_at is null",
    [userId, orgId],
  );
  return rows[0]!.count;
}

/** Marks one notification read (idempotent); 404 when it is not the caller's. */
export async function markRead(tx: Tx, userId: string, id: string): Promise<{ readAt: string }> {
  const { rows } = await tx.query<{ read_at: Date }>(
    "update public.notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning read_at",
    [id, userId],
  );
  if (!rows[0]) throw notFound("notificationNotFound");
  return { readAt: iso(rows[0].read_at)! };
}

/** Marks every unread notification of the current organization read; returns how many changed. */
export async function markAllRead(tx: Tx, orgId: string, userId: string, category?: string): Promise<number> {
  const { rowCount } = await tx.query(
    `update public.notifications set read_at = now()
      where user_id = $1 and org_id = $2 and in_app and read_at is null and ($3::text is null or category = $3)`,
    [userId, orgId, category ?? null],
  );
  return rowCount;
}
