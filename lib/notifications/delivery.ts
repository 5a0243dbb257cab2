import "server-only";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { readerOf } from "@/lib/i18n/reader";
import { translatorFor } from "@/lib/i18n/translator";
import type { DataPreferences } from "@/lib/preferences/schema";
import { heatLineTextFor } from "@/lib/scoring/readers";
import type { Translate } from "@/lib/i18n/translate";
import { logger } from "@/lib/log";
import { deliveryError } from "./delivery-errors";
import { digestContent, type HeldItem } from "./digest";
import type { Priority } from "./quiet-hours";
import { renderNotification, type NotificationParams } from "./render";
import { holdUntil } from "./schedule";
import { fromRow, SETTINGS_COLUMNS, type NotificationSettings, type SettingsRow } from "./settings";
import {
  sendEmailNotification,
  sendPushNotification,
  sendSmsNotification,
  type PushTarget,
  type TransportResult,
} from "./transports";

/**
 * Out-of-app delivery. SERVICE ROLE (bypasses RLS): runs in jobs and after-commit work,
 * on delivery ids written by private.create_notifications, never on ids from a request.
 *
 * Each attempt: claim the row (so two workers never send the same delivery), hold it for
 * the digest if the user is in quiet hours, else send outside any transaction and record
 * the outcome. After MAX_DELIVERY_ATTEMPTS passing failures the delivery is `failed`, which
 * the user sees on the notification ("Email not delivered").
 */
import { MAX_DELIVERY_ATTEMPTS } from "./queue";
export { MAX_DELIVERY_ATTEMPTS };
const CLAIM_SECONDS = 120;
const log = logger.child({ module: "notifications.delivery" });

export type DeliveryOutcome = "sent" | "held" | "retry" | "failed" | "skipped" | "missing" | "done" | "busy";

type Channel = "email" | "push" | "sms";

type Claimed = {
  channel: Channel;
  attempt: number;
  userId: string;
  orgId: string;
  notificationId: string;
  kind: string;
  params: NotificationParams;
  actionUrl: string | null;
  priority: Priority;
  email: string;
  /** The recipient's language (their app preferences): what their email, push or SMS is written in. */
  locale: string | null;
  /** The recipient's formats (their app preferences): how its dates, times and numbers are written. */
  data: DataPreferences;
  settings: NotificationSettings;
};

type Recipient = { locale: string | null; data: DataPreferences; settings: NotificationSettings };

/** The recipient's translator for notification texts, in their language, time zone and formats. */
const textsFor = ({ locale, data, settings }: Recipient): Translate =>
  translatorFor(locale, "notificationTexts", settings.timezone, data);

/** Stored explanation lines in the recipient's words (heat_changed reasons). */
const heatLinesFor = ({ locale, data, settings }: Recipient) => heatLineTextFor(locale, settings.timezone, data);

/** The recipient's settings with the zone, language and formats of their app preferences. */
async function settingsOf(tx: Tx, userId: string): Promise<Recipient> {
  const { rows } = await tx.query<SettingsRow>(
    `select ${SETTINGS_COLUMNS} from public.user_notification_settings where user_id = $1`,
    [userId],
  );
  const reader = await readerOf(tx, userId);
  return { settings: fromRow(rows[0], reader.timeZone), locale: reader.locale, data: reader.data };
}

async function claimDelivery(
  id: string,
  now: Date,
): Promise<{ state: DeliveryOutcome } | { state: "claimed"; claim: Claimed }> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{
      status: string;
      attempts: number;
      claimed_until: Date | null;
      channel: Channel;
      user_id: string;
      org_id: string;
      notification_id: string;
      kind: string;
      params: NotificationParams;
      action_url: string | null;
      priority: Priority;
      email: string;
    }>(
      `select d.status, d.attempts, d.claimed_until, d.channel, d.user_id, d.org_id, d.notification_id,
              n.kind, n.params, n.action_url, n.priority, p.email
         from public.notification_deliveries d
         join public.notifications n on n.id = d.notification_id
         join public.profiles p on p.id = d.user_id
        where d.id = $1
        for update of d`,
      [id],
    );
    const row = rows[0];
    if (!row) return { state: "missing" };
    if (row.status !== "pending") return { state: "done" };
    if (row.claimed_until && new Date(row.claimed_until) > now) return { state: "busy" };
    const { settings, locale, data } = await settingsOf(tx, row.user_id);
    const until = holdUntil(settings, now, row.priority);
    if (until) {
      await tx.query(
        "update public.notification_deliveries set status = 'held', held_until = $2, claimed_until = null where id = $1",
        [id, until],
      );
      return { state: "held" };
    }
    await tx.query(
      `update public.notification_deliveries set attempts = attempts + 1, claimed_until = $2::timestamptz + make_interval(secs => $3) where id = $1`,
      [id, now, CLAIM_SECONDS],
    );
    return {
      state: "claimed",
      claim: {
        channel: row.channel,
        attempt: row.attempts + 1,
        userId: row.user_id,
        orgId: row.org_id,
        notificationId: row.notification_id,
        kind: row.kind,
        params: row.params,
        actionUrl: row.action_url,
        priority: row.priority,
        email: row.email,
        locale,
        data,
        settings,
      },
    };
  });
}

// The last error is a kind and parameters (delivery-errors.ts), never the upstream's sentence.
const NO_ERROR = "last_error_kind = null, last_error_params = '{}'::jsonb";
const ERROR_FROM_3_4 = "last_error_kind = $3, last_error_params = $4::jsonb";

/** Sending threw (a bug, a library surprise): retried, and what it said goes to the log only. */
function thrown(error: unknown): TransportResult {
  log.warn({ err: error instanceof Error ? error.message : String(error) }, "notification delivery threw");
  return { ok: false, retryable: true, error: deliveryError("delivery_failed") };
}

const absolute = (url: string | null) => (url ? new URL(url, env().APP_URL).toString() : null);

async function pushTargets(userId: string): Promise<PushTarget[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<PushTarget>(
      "select id, endpoint, p256dh, auth from public.push_subscriptions where user_id = $1 order by created_at",
      [userId],
    );
    return rows;
  });
}

async function forgetSubscriptions(ids: string[]): Promise<void> {
  if (!ids.length) return;
  await withService((tx) => tx.query("delete from public.push_subscriptions where id = any ($1::uuid[])", [ids]));
}

type SmsSender = { address: string; orgId: string };

async function smsFrom(orgId: string): Promise<SmsSender | null> {
  return withService(async (tx) => {
    const { rows } = await tx.query<SmsSender>(
      `select address, org_id as "orgId" from public.channels where org_id = $1 and provider = 'twilio' and active and 'sms' = any (capabilities) order by created_at limit 1`,
      [orgId],
    );
    return rows[0] ?? null;
  });
}

type Content = {
  userId: string;
  orgId: string | null;
  email: string;
  settings: NotificationSettings;
  urgent: boolean;
  tag: string;
  t: Translate;
} & (
  | { kind: "single"; title: string; message: string; actionUrl: string | null }
  | { kind: "digest"; subject: string; text: string; pushTitle: string; pushBody: string; sms: string; url: string }
);

/** `skip`: nothing to deliver to (no browser subscribed, no phone) — not a failure to retry. */
async function send(channel: Channel, content: Content): Promise<TransportResult & { skip?: boolean }> {
  if (channel === "email") {
    const footer = `\n\n—\n${content.t("email.footer", { url: absolute("/settings/notifications")! })}`;
    return content.kind === "single"
      ? sendEmailNotification({
          to: content.email,
          subject: content.title,
          text: `${content.message}${content.actionUrl ? `\n\n${content.t("email.open", { url: absolute(content.actionUrl)! })}` : ""}${footer}`,
        })
      : sendEmailNotification({ to: content.email, subject: content.subject, text: `${content.text}${footer}` });
  }
  if (channel === "push") {
    const targets = await pushTargets(content.userId);
    if (!targets.length)
      return { ok: false, retryable: false, error: deliveryError("push_no_subscription"), skip: true };
    const payload =
      content.kind === "single"
        ? { title: content.title, body: content.message, url: content.actionUrl, tag: content.tag }
        : { title: content.pushTitle, body: content.pushBody, url: content.url, tag: content.tag };
    const result = await sendPushNotification(targets, payload, { urgent: content.urgent });
    await forgetSubscriptions(result.gone);
    if (!result.ok && result.gone.length === targets.length) return { ...result, skip: true };
    return result;
  }
  const phone = content.settings.phone;
  if (!phone) return { ok: false, retryable: false, error: deliveryError("sms_no_phone"), skip: true };
  const from = content.orgId ? await smsFrom(content.orgId) : await anySmsNumber(content.userId);
  const body =
    content.kind === "single"
      ? (content.message
          ? content.t("sms.singleWithMessage", { title: content.title, message: content.message })
          : content.t("sms.single", { title: content.title })
        ).slice(0, 280) + (content.actionUrl ? ` ${absolute(content.actionUrl)}` : "")
      : content.sms;
  return sendSmsNotification({ from, to: phone, body });
}

/** A digest spans the user's organizations: it goes from the number of any of them. */
async function anySmsNumber(userId: string): Promise<SmsSender | null> {
  return withService(async (tx) => {
    const { rows } = await tx.query<SmsSender>(
      `select c.address, c.org_id as "orgId" from public.channels c join public.memberships m on m.org_id = c.org_id and m.user_id = $1
        where c.provider = 'twilio' and c.active and 'sms' = any (c.capabilities) order by c.created_at limit 1`,
      [userId],
    );
    return rows[0] ?? null;
  });
}

/** One attempt at one delivery. */
export async function deliverNotification(id: string, now = new Date()): Promise<DeliveryOutcome> {
  const claimed = await claimDelivery(id, now);
  if (claimed.state !== "claimed") return claimed.state;
  const { claim } = claimed;
  // Rendered now, for this recipient: their language and time zone, whatever the producer's.
  const t = textsFor(claim);
  const text = renderNotification(claim.kind, claim.params, t, heatLinesFor(claim));
  let result: TransportResult & { skip?: boolean };
  try {
    result = await send(claim.channel, {
      kind: "single",
      userId: claim.userId,
      orgId: claim.orgId,
      email: claim.email,
      settings: claim.settings,
      urgent: claim.priority === "urgent",
      tag: claim.notificationId,
      t,
      title: text.title,
      message: text.message,
      actionUrl: claim.actionUrl,
    });
  } catch (error) {
    result = thrown(error);
  }
  return withService(async (tx) => {
    if (result.ok) {
      await tx.query(
        `update public.notification_deliveries set status = 'sent', sent_at = now(), ${NO_ERROR}, claimed_until = null where id = $1`,
        [id],
      );
      return "sent";
    }
    const final = result.skip
      ? "skipped"
      : !result.retryable || claim.attempt >= MAX_DELIVERY_ATTEMPTS
        ? "failed"
        : null;
    await tx.query(
      `update public.notification_deliveries set status = coalesce($2, status), ${ERROR_FROM_3_4}, claimed_until = null where id = $1`,
      [id, final, result.error.kind, JSON.stringify(result.error.params)],
    );
    return final ?? "retry";
  });
}

/**
 * Gathers deliveries whose quiet period has ended into ONE digest per user and channel.
 * Returns the new digests' ids. Rows are locked with skip locked, so two workers never
 * gather the same delivery twice.
 */
export async function gatherDigests(now = new Date(), limit = 2000): Promise<string[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; user_id: string; channel: Channel }>(
      `select id, user_id, channel from public.notification_deliveries
        where status = 'held' and digest_id is null and held_until <= $1
        order by held_until limit $2 for update skip locked`,
      [now, limit],
    );
    const groups = new Map<string, { userId: string; channel: Channel; ids: string[] }>();
    for (const row of rows) {
      const key = `${row.user_id}:${row.channel}`;
      const group = groups.get(key) ?? { userId: row.user_id, channel: row.channel, ids: [] };
      group.ids.push(row.id);
      groups.set(key, group);
    }
    const digests: string[] = [];
    for (const group of groups.values()) {
      const { rows: created } = await tx.query<{ id: string }>(
        "insert into public.notification_digests (user_id, channel, item_count) values ($1, $2, $3) returning id",
        [group.userId, group.channel, group.ids.length],
      );
      const digestId = created[0]!.id;
      await tx.query("update public.notification_deliveries set digest_id = $1 where id = any ($2::uuid[])", [
        digestId,
        group.ids,
      ]);
      digests.push(digestId);
    }
    return digests;
  });
}

/** One attempt at sending a digest; its deliveries follow its outcome. */
export async function deliverDigest(id: string, now = new Date()): Promise<DeliveryOutcome> {
  const claimed = await withService(async (tx) => {
    const { rows } = await tx.query<{
      status: string;
      attempts: number;
      claimed_until: Date | null;
      user_id: string;
      channel: Channel;
      email: string;
    }>(
      `select g.status, g.attempts, g.claimed_until, g.user_id, g.channel, p.email
         from public.notification_digests g join public.profiles p on p.id = g.user_id where g.id = $1 for update of g`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.status !== "pending" || (row.claimed_until && new Date(row.claimed_until) > now)) return "done" as const;
    const { rows: items } = await tx.query<{
      created_at: Date;
      category: string;
      kind: string;
      params: NotificationParams;
      action_url: string | null;
    }>(
      `select n.created_at, n.category, n.kind, n.params, n.action_url
         from public.notification_deliveries d join public.notifications n on n.id = d.notification_id
        where d.digest_id = $1 order by n.created_at`,
      [id],
    );
    await tx.query(
      "update public.notification_digests set attempts = attempts + 1, claimed_until = $2::timestamptz + make_interval(secs => $3) where id = $1",
      [id, now, CLAIM_SECONDS],
    );
    return { ...row, attempt: row.attempts + 1, items, ...(await settingsOf(tx, row.user_id)) };
  });
  if (claimed === null) return "missing";
  if (claimed === "done") return "done";

  const t = textsFor(claimed);
  const heatLine = heatLinesFor(claimed);
  const items: HeldItem[] = claimed.items.map((i) => ({
    createdAt: new Date(i.created_at),
    category: i.category,
    ...renderNotification(i.kind, i.params, t, heatLine),
    actionUrl: i.action_url,
  }));
  const content = digestContent(items, { appUrl: env().APP_URL, t });
  let result: TransportResult & { skip?: boolean };
  try {
    result = await send(claimed.channel, {
      kind: "digest",
      userId: claimed.user_id,
      orgId: null,
      email: claimed.email,
      settings: claimed.settings,
      urgent: false,
      tag: `digest-${id}`,
      t,
      ...content,
    });
  } catch (error) {
    result = thrown(error);
  }
  return withService(async (tx) => {
    if (result.ok) {
      await tx.query(
        `update public.notification_digests set status = 'sent', sent_at = now(), ${NO_ERROR}, claimed_until = null where id = $1`,
        [id],
      );
      await tx.query(
        `update public.notification_deliveries set status = 'sent', sent_at = now(), ${NO_ERROR} where digest_id = $1`,
        [id],
      );
      return "sent";
    }
    const final = result.skip || !result.retryable || claimed.attempt >= MAX_DELIVERY_ATTEMPTS;
    await tx.query(
      `update public.notification_digests set status = $2, ${ERROR_FROM_3_4}, claimed_until = null where id = $1`,
      [id, final ? "failed" : "pending", result.error.kind, JSON.stringify(result.error.params)],
    );
    if (final)
      await tx.query(`update public.notification_deliveries set status = $2, ${ERROR_FROM_3_4} where digest_id = $1`, [
        id,
        result.skip ? "skipped" : "failed",
        result.error.kind,
        JSON.stringify(result.error.params),
      ]);
    return final ? (result.skip ? "skipped" : "failed") : "retry";
  });
}

/** Deliveries and digests whose first, after-commit attempt never happened (a crash, a restart). */
export async function strandedWork(
  olderThanSeconds = 60,
  limit = 200,
): Promise<{ deliveries: string[]; digests: string[] }> {
  return withService(async (tx) => {
    const deliveries = await tx.query<{ id: string }>(
      `select id from public.notification_deliveries
        where status = 'pending' and attempts = 0 and created_at < now() - make_interval(secs => $1) order by created_at limit $2`,
      [olderThanSeconds, limit],
    );
    const digests = await tx.query<{ id: string }>(
      `select id from public.notification_digests
        where status = 'pending' and attempts = 0 and created_at < now() - make_interval(secs => $1) order by created_at limit $2`,
      [olderThanSeconds, limit],
    );
    return { deliveries: deliveries.rows.map((r) => r.id), digests: digests.rows.map((r) => r.id) };
  });
}
