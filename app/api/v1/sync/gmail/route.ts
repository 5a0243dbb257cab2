import { route } from "@/lib/http/route";
import { syncGmailSoon } from "@/lib/integrations/google/gmail-queue";
import { requestGmailSync } from "@/lib/integrations/google/gmail-start";

/**
 * "Sync now" for the caller's own Gmail: 202 with the job (the one already waiting or running,
 * if any); 409 when Gmail is not connected and on.
 */
export const POST = route({ org: true }, async ({ org, user, rls }) => {
  const job = await requestGmailSync(rls, org.orgId, user.id);
  syncGmailSoon({ orgId: job.orgId, userId: job.userId, jobId: job.jobId });
  return Response.json({ jobId: job.jobId, alreadyQueued: !job.created }, { status: 202 });
});
