import { analyticsParamsSchema } from "@/lib/analytics/schema";
import { enforce } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { loadReport, renderReport, reportFilename } from "@/lib/reports/generate";
import { PDF_DOWNLOADS_PER_USER } from "@/lib/reports/limits";
import { pdfResponse } from "@/lib/reports/pdf-response";

/** The dashboard as a PDF: the same query string as `GET /api/v1/analytics` (widget and format are ignored). */
export const GET = route(
  { scope: "analytics:read", org: true, query: analyticsParamsSchema },
  async ({ org, user, query, rls }) => {
    await enforce([{ limit: PDF_DOWNLOADS_PER_USER, key: user.id }]);
    const viewer = { userId: user.id, orgId: org.orgId, orgName: org.orgName, role: org.role };
    const report = await rls((tx) => loadReport(tx, viewer, query));
    const { days } = report.analytics.range;
    return pdfResponse(await renderReport(report), reportFilename(org.orgName, days[0]!, days[days.length - 1]!));
  },
);
