import "server-only";
import { z } from "zod";
import { withRls, type Claims, type Tx } from "@/lib/db";
import { invalid } from "@/lib/http/errors";
import { currentReader } from "@/lib/i18n/reader";
import { translatorFor } from "@/lib/i18n/translator";
import { pushEndpointProblem } from "./push-endpoints";
import { sendPushNotification, type PushTarget } from "./transports";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "base64urlKey");

/** The browser's PushSubscription.toJSON(); which endpoints are accepted is assertPushEndpoint's call. */
export const pushSubscriptionSchema = z.object({
  endpoint: z
    .url("pushEndpointUrl")
    .max(1000)
    .refine((u) => /^https?:\/\//.test(u), "pushEndpointHttp"),
  keys: z.object({ p256dh: base64url.max(200), auth: base64url.max(100) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export async function savePushSubscription(
  tx: Tx,
  input: PushSubscriptionInput,
  userAgent: string | null,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>("select private.save_push_subscription($1, $2, $3, $4) as id", [
    input.endpoint,
    input.keys.p256dh,
    input.keys.auth,
    userAgent?.slice(0, 300) ?? null,
  ]);
  return rows[0]!.id;
}

/** Removes this browser's subscription (RLS: only the caller's own). */
export async function removePushSubscription(tx: Tx, endpoint: string): Promise<boolean> {
  const { rowCount } = await tx.query("delete from public.push_subscriptions where endpoint = $1", [endpoint]);
  return rowCount > 0;
}

export async function countPushSubscriptions(tx: Tx, userId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    "select count(*)::int as n from public.push_subscriptions where user_id = $1",
    [userId],
  );
  return rows[0]!.n;
}

/**
 * "Send test notification": one push to each of the caller's browsers, right now (not
 * through quiet hours: the user asked for it), sent outside any transaction. Subscriptions
 * the push service forgot, or the outbound guard refuses, are removed. The answer says only
 * delivered or not: what a push service answered stays in the server log (a user's endpoint
 * must not become a way to probe hosts).
 */
export async function sendTestPush(claims: Claims, userId: string): Promise<{ ok: boolean; browsers: number }> {
  const { rows, reader } = await withRls(claims, async (tx) => ({
    rows: (
      await tx.query<PushTarget>(
        "select id, endpoint, p256dh, auth from public.push_subscriptions where user_id = $1",
        [userId],
      )
    ).rows,
    reader: await currentReader(tx),
  }));
  if (!rows.length) return { ok: false, browsers: 0 };
  const t = translatorFor(reader.locale, "notificationTexts", reader.timeZone, reader.data);
  const result = await sendPushNotification(rows, {
    title: t("push.testTitle"),
    body: t("push.testBody"),
    url: "/settings/notifications",
    tag: "kiln-test",
  });
  if (result.gone.length)
    await withRls(claims, (tx) =>
      tx.query("delete from public.push_subscriptions where id = any ($1::uuid[])", [result.gone]),
    );
  return { ok: result.ok, browsers: rows.length - result.gone.length };
}

/** Refuses (422 on `endpoint`) a subscription the server would not send to; see push-endpoints.ts. */
export async function assertPushEndpoint(endpoint: string): Promise<void> {
  const problem = await pushEndpointProblem(endpoint);
  if (problem) throw invalid({ endpoint: [problem] });
}
