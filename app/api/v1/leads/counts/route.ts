import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { countLeadsByHeat } from "@/lib/leads/queries";

export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  return { byHeat: await withRls(session.claims, (tx) => countLeadsByHeat(tx, org.orgId)) };
});
