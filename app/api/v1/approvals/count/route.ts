import { countPendingTasks } from "@/lib/approvals/queries";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";

export const GET = route({ role: "rep" }, async ({ session }) => {
  const org = requireOrg(session);
  return { pending: await withRls(session.claims, (tx) => countPendingTasks(tx, org.orgId)) };
});
