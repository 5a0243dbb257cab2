import { route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { listRuns, startBulkSend } from "@/lib/outreach/bulk";
import { bulkStepSoon } from "@/lib/outreach/queue";
import { bulkSendSchema } from "@/lib/outreach/schema";

/** Bulk template sends this member may read (their own; managers all). */
export const GET = route({ org: true }, async ({ org, rls }) =>
  rls(async (tx) => ({ runs: await listRuns(tx, org.orgId) })),
);

/** Starts a bulk send through the job queue at the run's pace; the report fills in as it goes. */
export const POST = route({ org: true, body: bulkSendSchema }, async ({ org, session, body, rls }) => {
  const started = await rls((tx) =>
    startBulkSend(tx, userActor(session), org.orgId, {
      templateId: body.templateId,
      audience: body.leadIds ? { leadIds: body.leadIds } : { silentDays: body.silentDays!, heat: body.heat },
      ratePerMinute: body.ratePerMinute,
    }),
  );
  bulkStepSoon({ runId: started.runId, orgId: org.orgId });
  return Response.json(started, { status: 201 });
});
