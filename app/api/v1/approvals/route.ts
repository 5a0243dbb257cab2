import { listTasks } from "@/lib/approvals/queries";
import { listTasksQuerySchema } from "@/lib/approvals/schema";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";

/** The approvals queue; reps see the drafts of conversations they can see (RLS). */
export const GET = route({ role: "rep", query: listTasksQuerySchema }, async ({ session, query }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => listTasks(tx, org.orgId, query));
});
