import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getRunReport } from "@/lib/outreach/bulk";

const params = z.object({ id: uuidParam });

/** A bulk send's report: sent, skipped (with the reason) and failed, per lead. */
export const GET = route({ org: true, params }, async ({ org, params, rls }) => {
  const report = await rls((tx) => getRunReport(tx, org.orgId, params.id));
  if (!report) throw notFound("bulkSendNotFound");
  return report;
});
