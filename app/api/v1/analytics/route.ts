import { analyticsQueryFor, getAnalyticsConcurrently } from "@/lib/analytics";
import { csvFilename, widgetCsv } from "@/lib/analytics/csv";
import { analyticsParamsSchema } from "@/lib/analytics/schema";
import { route } from "@/lib/http/route";

/**
 * The dashboard's numbers (docs/api/analytics.md): every widget, or those named in `widget=`,
 * as JSON; `format=csv&widget=<name>` downloads that one widget as CSV.
 */
export const GET = route(
  { scope: "analytics:read", org: true, query: analyticsParamsSchema },
  async ({ org, user, query, rls }) => {
    const viewer = { userId: user.id, orgId: org.orgId, role: org.role };
    const q = await rls((tx) => analyticsQueryFor(tx, viewer, query));
    const analytics = await getAnalyticsConcurrently(rls, q, viewer, query.widget);
    if (query.format === "json") return Response.json(analytics, { headers: { "cache-control": "no-store" } });
    // The schema lets csv through with exactly one widget, which getAnalytics computed.
    const widget = query.widget![0]!;
    return new Response(widgetCsv(widget, analytics as Required<typeof analytics>), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFilename(widget, analytics.range)}"`,
        "cache-control": "no-store",
      },
    });
  },
);
