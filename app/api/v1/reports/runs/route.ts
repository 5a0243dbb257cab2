import { route } from "@/lib/http/route";
import { listRuns } from "@/lib/reports/runs";

/** The caller's report history in their current organization, newest first. */
export const GET = route({ org: true }, async ({ org, rls }) => ({
  runs: await rls((tx) => listRuns(tx, org.orgId)),
}));
