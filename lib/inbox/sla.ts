import "server-only";
import { withService, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { DEFAULT_WORKING_HOURS, isSlaBreached, type WorkingHours } from "./working-hours";
import { isValidTimeZone } from "@/lib/notifications/quiet-hours";

type Candidate = {
  id: string;
  orgId: string;
  leadId: string;
  waitingSince: Date;
  targetMinutes: number;
  timeZone: string | null;
  workingHours: WorkingHours | null;
};

/**
 * The response-time SLA sweep (platform job `inbox.sla-sweep`, every minute): conversations
 * whose lead has waited longer than their channel's target, counted in the organization's
 * working hours, are flagged (`conversations.sla_breached_at`, the inbox highlights them) and
 * their assignee — the managers when unassigned — is notified, once per wait: the next reply
 * clears the flag (the messages trigger), and the notification's dedupe key names the wait.
 * Closed threads are left alone. Returns how many waits were reported.
 */
export async function sweepResponseSlas(now = new Date()): Promise<number> {
  // Wall-clock time is an upper bound on working time: only those can be late.
  const candidates = await withService(async (tx) => {
    const { rows } = await tx.query<Candidate>(
      `select c.id, c.org_id as "orgId", c.lead_id as "leadId", c.waiting_since as "waitingSince",
              s.target_minutes as "targetMinutes", r.time_zone as "timeZone", r.working_hours as "workingHours"
         from public.conversations c
         join public.response_time_slas s on s.channel_id = c.channel_id
         left join public.response_time_settings r on r.org_id = c.org_id
        where c.waiting_since is not null and c.sla_breached_at is null and c.status <> 'closed'
          and c.waiting_since < $1::timestamptz - make_interval(mins => s.target_minutes)
        order by c.waiting_since
        limit 500`,
      [now],
    );
    return rows;
  });
  let reported = 0;
  for (const candidate of candidates) {
    const timeZone = candidate.timeZone && isValidTimeZone(candidate.timeZone) ? candidate.timeZone : "UTC";
    const hours = candidate.workingHours ?? DEFAULT_WORKING_HOURS;
    if (!isSlaBreached(new Date(candidate.waitingSince), now, candidate.targetMinutes, hours, timeZone)) continue;
    if (await withService((tx) => reportBreach(tx, candidate, now))) reported++;
  }
  if (reported) logger.info({ reported }, "response-time SLA sweep");
  return reported;
}

/** Flags the wait and notifies, unless a reply (or another sweep) got there first. */
async function reportBreach(tx: Tx, candidate: Candidate, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update public.conversations set sla_breached_at = $3
      where id = $1 and waiting_since = $2 and sla_breached_at is null`,
    [candidate.id, candidate.waitingSince, now],
  );
  if (!rowCount) return false;
  await notify(tx, {
    kind: "response_sla_breached",
    orgId: candidate.orgId,
    conversationId: candidate.id,
    leadId: candidate.leadId,
    waitingSince: new Date(candidate.waitingSince).toISOString(),
    targetMinutes: candidate.targetMinutes,
  });
  return true;
}
