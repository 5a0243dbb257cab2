import { route } from "@/lib/http/route";
import { countOverdueTasks } from "@/lib/tasks/store";

/** The sidebar badge: how many of the caller's open tasks are overdue. */
export const GET = route({ org: true }, async ({ org, rls }) => ({
  overdue: await rls((tx) => countOverdueTasks(tx, org.orgId)),
}));
