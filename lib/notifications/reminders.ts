import "server-only";
import { withService } from "@/lib/db";
import { logger } from "@/lib/log";
import { notify } from "./notify";

type DueMeeting = {
  id: string;
  org_id: string;
  lead_id: string;
  title: string | null;
  starts_at: Date;
  user_id: string;
};

/**
 * Meetings starting within their owner's reminder window (Settings → Notifications,
 * default 15 minutes; 0 turns reminders off), scheduled and not yet reminded. The reminder
 * goes to the meeting's owner, else the lead's owner. Each (user, meeting, start time) is
 * reminded once: notifications' unique dedupe key makes a second run a no-op, and a
 * rescheduled meeting (new start time) is reminded again.
 *
 * The meetings table belongs to the Calendly feature and arrives in a later migration;
 * until it exists there is nothing to remind about.
 * SERVICE ROLE: a scheduled job across all organizations.
 */
export async function sendMeetingReminders(now = new Date()): Promise<number> {
  const due = await withService(async (tx) => {
    const { rows: exists } = await tx.query<{ present: boolean }>(
      "select to_regclass('public.meetings') is not null as present",
    );
    if (!exists[0]?.present) return [];
    const { rows } = await tx.query<DueMeeting>(
      `select m.id, m.org_id, m.lead_id, m.title, m.starts_at, r.user_id
         from public.meetings m
         join public.leads l on l.id = m.lead_id
         cross join lateral (select coalesce(m.owner_id, l.owner_id) as user_id) r
         left join public.user_notification_settings s on s.user_id = r.user_id
        where m.status = 'scheduled'
          and m.starts_at > $1::timestamptz
          and m.starts_at <= $1::timestamptz + interval '1440 minutes'
          and r.user_id is not null
          and coalesce(s.meeting_reminder_minutes, 15) > 0
          and m.starts_at <= $1::timestamptz + make_interval(mins => coalesce(s.meeting_reminder_minutes, 15))
          and not exists (
            select 1 from public.notifications n
             where n.user_id = r.user_id
               and n.dedupe_key = 'meeting_reminder:' || m.id || ':' || to_char(m.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        order by m.starts_at
        limit 500`,
      [now],
    );
    return rows;
  });
  for (const meeting of due) {
    await withService((tx) =>
      notify(tx, {
        kind: "meeting_reminder",
        orgId: meeting.org_id,
        leadId: meeting.lead_id,
        meetingId: meeting.id,
        // An untitled meeting stays untitled: the reader's language words the fallback (render.ts).
        title: meeting.title ?? "",
        startsAt: new Date(meeting.starts_at).toISOString(),
        userId: meeting.user_id,
      }),
    );
  }
  if (due.length) logger.info({ reminders: due.length }, "meeting reminders");
  return due.length;
}
