import "server-only";
import type { Tx } from "@/lib/db";
import { DEFAULT_TIMEZONE } from "@/lib/notifications/settings";
import { translatorFor } from "./translator";

export type Reader = { locale: string | null; timeZone: string };

/**
 * Whose language and time zone a stored kind is rendered in: the signed-in caller's
 * (`profiles.locale`, their notification settings' zone) inside withRls; the default language
 * and UTC for the service role, which has no reader.
 */
export async function currentReader(tx: Tx): Promise<Reader> {
  const { rows } = await tx.query<{ locale: string | null; timezone: string | null; signed_in: boolean }>(
    `select p.locale, s.timezone, me.id is not null as signed_in
       from (select auth.uid() as id) me
       left join public.profiles p on p.id = me.id
       left join public.user_notification_settings s on s.user_id = me.id`,
  );
  const row = rows[0];
  return { locale: row?.locale ?? null, timeZone: row?.timezone ?? (row?.signed_in ? DEFAULT_TIMEZONE : "UTC") };
}

/** A translator for `namespace` in the caller's language and zone (see currentReader). */
export async function readerTranslator(tx: Tx, namespace: string) {
  const reader = await currentReader(tx);
  return translatorFor(reader.locale, namespace, reader.timeZone);
}
