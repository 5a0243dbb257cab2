import { route } from "@/lib/http/route";
import { dashboardScopeQuery, dashboardSettingsInput } from "@/lib/dashboard/schema";
import { getDashboardSettings, resetDashboardSettings, saveDashboardSettings } from "@/lib/dashboard/settings";

/** The signed-in user's dashboard for `?project=` (absent: all projects), falling back along project → all projects → default. */
export const GET = route({ org: true, query: dashboardScopeQuery }, ({ org, query, rls }) =>
  rls((tx) => getDashboardSettings(tx, org.orgId, query.project ?? null)),
);

/** Saves layout, visibility and/or preferences for that scope; what is left out stays as shown. */
export const PUT = route(
  { org: true, query: dashboardScopeQuery, body: dashboardSettingsInput },
  ({ org, query, body, rls }) => rls((tx) => saveDashboardSettings(tx, org.orgId, query.project ?? null, body)),
);

/** Forgets that scope's arrangement and answers what it shows now. */
export const DELETE = route({ org: true, query: dashboardScopeQuery }, ({ org, query, rls }) =>
  rls((tx) => resetDashboardSettings(tx, org.orgId, query.project ?? null)),
);
