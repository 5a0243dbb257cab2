import "server-only";
import type { Tx } from "@/lib/db";
import { conflict, invalid, notFound } from "@/lib/http/errors";
import { listProjects } from "@/lib/orgs/projects";
import { nextRunAt, type Schedule } from "./schedule";
import type { ReportSubscription, SubscriptionInput, SubscriptionPatch } from "./schema";

/**
 * `report_subscriptions`, the one writer. Requests run these under RLS as the subscriber (a
 * person sees and changes only their own, in organizations they belong to); the dispatcher's
 * functions at the bottom run as the service role in the platform job.
 */

/** More would only fill inboxes; a person rarely needs more than a few views of one organization. */
export const MAX_SUBSCRIPTIONS_PER_ORG = 20;

const COLUMNS = `s.id, s.project_id as "projectId", p.name as "projectName", s.cadence, s.weekday,
  s.day_of_month as "dayOfMonth", s.hour, s.time_zone as "timeZone", s.active,
  s.next_run_at as "nextRunAt", s.created_at as "createdAt"`;

type Row = Omit<ReportSubscription, "nextRunAt" | "createdAt"> & { nextRunAt: Date; createdAt: Date };

const toApi = (row: Row): ReportSubscription => ({
  ...row,
  nextRunAt: row.nextRunAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
});

export const scheduleOf = (
  s: Pick<ReportSubscription, "cadence" | "weekday" | "dayOfMonth" | "hour" | "timeZone">,
): Schedule => ({
  cadence: s.cadence,
  weekday: s.weekday,
  dayOfMonth: s.dayOfMonth,
  hour: s.hour,
  timeZone: s.timeZone,
});

/** The caller's subscriptions in one organization, oldest first. */
export async function listSubscriptions(tx: Tx, orgId: string): Promise<ReportSubscription[]> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.report_subscriptions s left join public.projects p on p.id = s.project_id
      where s.org_id = $1 and s.user_id = (select auth.uid()) order by s.created_at, s.id`,
    [orgId],
  );
  return rows.map(toApi);
}

/** One of the caller's subscriptions in the organization, or a 404 (someone else's is not found either). */
export async function getSubscription(tx: Tx, orgId: string, id: string): Promise<ReportSubscription> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.report_subscriptions s left join public.projects p on p.id = s.project_id
      where s.id = $1 and s.org_id = $2 and s.user_id = (select auth.uid())`,
    [id, orgId],
  );
  if (!rows[0]) throw notFound("reportSubscriptionNotFound");
  return toApi(rows[0]);
}

/** The project must be one of the organization's live projects the caller can see. */
async function checkProject(tx: Tx, orgId: string, projectId: string | null): Promise<void> {
  if (!projectId) return;
  const projects = await listProjects(tx, orgId);
  if (!projects.some((p) => p.id === projectId)) throw invalid({ projectId: ["organizationProjectRequired"] });
}

export async function createSubscription(
  tx: Tx,
  orgId: string,
  input: SubscriptionInput,
  now = new Date(),
): Promise<ReportSubscription> {
  await checkProject(tx, orgId, input.projectId);
  const { rows: count } = await tx.query<{ n: number }>(
    "select count(*)::int as n from public.report_subscriptions where org_id = $1 and user_id = (select auth.uid())",
    [orgId],
  );
  if (count[0]!.n >= MAX_SUBSCRIPTIONS_PER_ORG)
    throw conflict({ key: "reportSubscriptionLimit", values: { max: MAX_SUBSCRIPTIONS_PER_ORG } });
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.report_subscriptions
       (user_id, org_id, project_id, cadence, weekday, day_of_month, hour, time_zone, next_run_at)
     values ((select auth.uid()), $1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      orgId,
      input.projectId,
      input.cadence,
      input.weekday,
      input.dayOfMonth,
      input.hour,
      input.timeZone,
      nextRunAt(input, now),
    ],
  );
  return getSubscription(tx, orgId, rows[0]!.id);
}

/**
 * Changes the schedule, the project or pauses/resumes. A changed schedule, or a resumed
 * subscription, runs next at its next slot from now (a paused report never fires at once).
 */
export async function updateSubscription(
  tx: Tx,
  orgId: string,
  id: string,
  patch: SubscriptionPatch,
  now = new Date(),
): Promise<ReportSubscription> {
  const current = await getSubscription(tx, orgId, id);
  const cadence = patch.cadence ?? current.cadence;
  const merged = {
    cadence,
    weekday: cadence === "weekly" ? (patch.weekday ?? current.weekday) : null,
    dayOfMonth: cadence === "monthly" ? (patch.dayOfMonth ?? current.dayOfMonth) : null,
    hour: patch.hour ?? current.hour,
    timeZone: patch.timeZone ?? current.timeZone,
    projectId: patch.projectId === undefined ? current.projectId : patch.projectId,
    active: patch.active ?? current.active,
  };
  if (merged.cadence === "weekly" && merged.weekday === null) throw invalid({ weekday: ["weekdayRequired"] });
  if (merged.cadence === "monthly" && merged.dayOfMonth === null) throw invalid({ dayOfMonth: ["dayOfMonthRequired"] });
  if (merged.projectId !== current.projectId) await checkProject(tx, orgId, merged.projectId);
  const rescheduled =
    merged.cadence !== current.cadence ||
    merged.weekday !== current.weekday ||
    merged.dayOfMonth !== current.dayOfMonth ||
    merged.hour !== current.hour ||
    merged.timeZone !== current.timeZone ||
    (merged.active && !current.active);
  await tx.query(
    `update public.report_subscriptions
        set cadence = $3, weekday = $4, day_of_month = $5, hour = $6, time_zone = $7, project_id = $8, active = $9,
            next_run_at = coalesce($10, next_run_at)
      where id = $1 and org_id = $2`,
    [
      id,
      orgId,
      merged.cadence,
      merged.weekday,
      merged.dayOfMonth,
      merged.hour,
      merged.timeZone,
      merged.projectId,
      merged.active,
      rescheduled ? nextRunAt(scheduleOf(merged), now) : null,
    ],
  );
  return getSubscription(tx, orgId, id);
}

export async function deleteSubscription(tx: Tx, orgId: string, id: string): Promise<void> {
  const { rowCount } = await tx.query(
    "delete from public.report_subscriptions where id = $1 and org_id = $2 and user_id = (select auth.uid())",
    [id, orgId],
  );
  if (!rowCount) throw notFound("reportSubscriptionNotFound");
}

// ---------------------------------------------------------------------------
// The platform job (service role): what is due, moving it on, and what a generation needs.

/** A subscription as the generation job reads it, with its subscriber's sign-in email. */
export type SubscriptionForRun = Schedule & {
  id: string;
  userId: string;
  email: string;
  orgId: string;
  projectId: string | null;
  active: boolean;
  nextRunAt: Date;
};

const SERVICE_COLUMNS = `s.id, s.user_id as "userId", u.email, s.org_id as "orgId", s.project_id as "projectId",
  s.cadence, s.weekday, s.day_of_month as "dayOfMonth", s.hour, s.time_zone as "timeZone", s.active,
  s.next_run_at as "nextRunAt"`;

/** Service role: active subscriptions whose time has come, oldest due first. */
export async function dueSubscriptions(tx: Tx, now: Date, limit = 200): Promise<SubscriptionForRun[]> {
  const { rows } = await tx.query<SubscriptionForRun>(
    `select ${SERVICE_COLUMNS} from public.report_subscriptions s join auth.users u on u.id = s.user_id
      where s.active and s.next_run_at <= $1 order by s.next_run_at limit $2`,
    [now, limit],
  );
  return rows;
}

/** Service role: one subscription for the generation job, or null once it was deleted. */
export async function subscriptionForRun(tx: Tx, id: string): Promise<SubscriptionForRun | null> {
  const { rows } = await tx.query<SubscriptionForRun>(
    `select ${SERVICE_COLUMNS} from public.report_subscriptions s join auth.users u on u.id = s.user_id where s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Service role: moves a dispatched subscription to its next slot, only if no one else did
 * (compare-and-set on the slot it was dispatched for). Returns whether this caller moved it.
 */
export async function advanceSubscription(tx: Tx, id: string, dispatchedFor: Date, next: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    "update public.report_subscriptions set next_run_at = $3 where id = $1 and next_run_at = $2",
    [id, dispatchedFor, next],
  );
  return rowCount > 0;
}

/** Service role: the subscriber left the organization, so the report stops. */
export async function deactivateSubscription(tx: Tx, id: string): Promise<void> {
  await tx.query("update public.report_subscriptions set active = false where id = $1", [id]);
}
