import { route } from "@/lib/http/route";
import { countLeadsByHeat } from "@/lib/leads/queries";

export const GET = route({ scope: "leads:read", org: true }, async ({ org, rls }) => ({
  byHeat: await rls((tx) => countLeadsByHeat(tx, org.orgId)),
}));
