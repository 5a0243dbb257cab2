import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { cancelRun, getRunReport } from "@/lib/outreach/bulk";

const params = z.object({ id: uuidParam });

/** Stops a bulk send: the leads still waiting are skipped as cancelled; answers the report. */
export const POST = route({ org: true, params }, async ({ org, session, params, rls }) => {
  const report = await rls(async (tx) => {
    if (await cancelRun(tx, org.orgId, params.id))
      await recordAudit(tx, {
        orgId: org.orgId,
        actorId: session.user.id,
        action: "outreach.run_cancelled",
        targetType: "outreach_run",
        targetId: params.id,
      });
    return getRunReport(tx, org.orgId, params.id);
  });
  if (!report) throw notFound("bulkSendNotFound");
  return report;
});
