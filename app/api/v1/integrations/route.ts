import { route } from "@/lib/http/route";
import { integrationsOverview } from "@/lib/integrations/overview";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Settings → Integrations: connection status, what to configure, sandbox details. Admins only. */
export const GET = route({ role: MIN_ROLE.manageIntegrations }, async ({ org, rls }) =>
  rls((tx) => integrationsOverview(tx, org.orgId)),
);
