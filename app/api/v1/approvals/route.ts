import { listTasks } from "@/lib/approvals/queries";
import { listTasksQuerySchema } from "@/lib/approvals/schema";
import { route } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";

/** The approvals queue; reps see the drafts of conversations they can see (RLS). */
export const GET = route({ org: true, query: listTasksQuerySchema }, async ({ org, query, rls, locale }) => {
  const t = translatorFor(await locale(), "approvals");
  return rls((tx) => listTasks(tx, org.orgId, query, t));
});
