import { route } from "@/lib/http/route";
import { requestCalendarSync } from "@/lib/sync/calendar/start";
import { syncCalendarSoon } from "@/lib/sync/queue";

/**
 * "Sync now" for the caller's own Google Calendar: 202 with the job (the one already waiting or
 * running, if any); 409 when Calendar is not connected and on.
 */
export const POST = route({ org: true }, async ({ org, user, rls }) => {
  const job = await requestCalendarSync(rls, org.orgId, user.id);
  syncCalendarSoon({ orgId: job.orgId, userId: job.userId, jobId: job.jobId });
  return Response.json({ jobId: job.jobId, alreadyQueued: !job.created }, { status: 202 });
});
