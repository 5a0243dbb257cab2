import { countPendingTasks } from "@/lib/approvals/queries";
import { route } from "@/lib/http/route";

export const GET = route({ org: true }, async ({ org, rls }) => ({
  pending: await rls((tx) => countPendingTasks(tx, org.orgId)),
}));
