import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { integrationsOverview } from "@/lib/integrations/overview";

/** Settings → Integrations: connection status, what to configure, sandbox details. Admins only. */
export const GET = route({ role: "admin" }, async ({ session }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => integrationsOverview(tx, org.orgId));
});
