import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { DEFAULT_WORKING_HOURS, timeZoneSchema, workingHoursSchema, type WorkingHours } from "./working-hours";

/**
 * The only writer of public.response_time_settings and public.response_time_slas: the
 * organization's working hours and a response-time target per channel (admins, by RLS).
 */

export const responseTimeSettingsSchema = z.object({
  timeZone: timeZoneSchema,
  workingHours: workingHoursSchema,
  /** Per channel: working minutes to the first answer; null: no target on that channel. */
  targets: z
    .array(
      z.object({
        channelId: z.uuid(),
        targetMinutes: z.number().int().min(1, "slaMinutesRange").max(10080, "slaMinutesRange").nullable(),
      }),
    )
    .max(200),
});
export type ResponseTimeSettingsInput = z.infer<typeof responseTimeSettingsSchema>;

export type ResponseTimeSettings = {
  timeZone: string;
  workingHours: WorkingHours;
  /** Every channel of the organization, with its target (null: none). */
  targets: { channelId: string; label: string; address: string; targetMinutes: number | null }[];
  /** False until an admin saved the settings once (the defaults are shown). */
  saved: boolean;
};

export async function getResponseTimeSettings(tx: Tx, orgId: string): Promise<ResponseTimeSettings> {
  const [settings, targets] = await Promise.all([
    tx.query<{ timeZone: string; workingHours: WorkingHours }>(
      `select time_zone as "timeZone", working_hours as "workingHours" from public.response_time_settings where org_id = $1`,
      [orgId],
    ),
    tx.query<ResponseTimeSettings["targets"][number]>(
      `select ch.id as "channelId", ch.label, ch.address, s.target_minutes as "targetMinutes"
         from public.channels ch left join public.response_time_slas s on s.channel_id = ch.id
        where ch.org_id = $1 order by ch.label, ch.id`,
      [orgId],
    ),
  ]);
  const row = settings.rows[0];
  return {
    timeZone: row?.timeZone ?? "UTC",
    workingHours: row?.workingHours ?? DEFAULT_WORKING_HOURS,
    targets: targets.rows,
    saved: Boolean(row),
  };
}

export async function saveResponseTimeSettings(
  tx: Tx,
  userId: string,
  orgId: string,
  input: ResponseTimeSettingsInput,
): Promise<void> {
  await tx.query(
    `insert into public.response_time_settings (org_id, time_zone, working_hours, updated_by) values ($1, $2, $3, $4)
     on conflict (org_id) do update set time_zone = excluded.time_zone, working_hours = excluded.working_hours,
                                        updated_by = excluded.updated_by`,
    [orgId, input.timeZone, input.workingHours, userId],
  );
  const set = input.targets.filter((t) => t.targetMinutes !== null);
  const cleared = input.targets.filter((t) => t.targetMinutes === null).map((t) => t.channelId);
  if (cleared.length)
    await tx.query("delete from public.response_time_slas where org_id = $1 and channel_id = any($2::uuid[])", [
      orgId,
      cleared,
    ]);
  if (set.length)
    await tx.query(
      `insert into public.response_time_slas (channel_id, org_id, target_minutes, updated_by)
       select t.channel_id, $1, t.target_minutes, $2
         from jsonb_to_recordset($3::jsonb) as t(channel_id uuid, target_minutes int)
       on conflict (channel_id) do update set target_minutes = excluded.target_minutes, updated_by = excluded.updated_by`,
      [orgId, userId, JSON.stringify(set.map((t) => ({ channel_id: t.channelId, target_minutes: t.targetMinutes })))],
    );
}
