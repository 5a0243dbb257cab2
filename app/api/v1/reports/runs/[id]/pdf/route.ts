import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { reportFilename } from "@/lib/reports/generate";
import { pdfResponse } from "@/lib/reports/pdf-response";
import { runPdf } from "@/lib/reports/runs";

/** One stored report from the caller's history. */
export const GET = route({ org: true, params: z.object({ id: uuidParam }) }, async ({ org, params, rls }) => {
  const run = await rls((tx) => runPdf(tx, org.orgId, params.id));
  return pdfResponse(run.pdf, reportFilename(org.orgName, run.periodFrom, run.periodTo));
});
