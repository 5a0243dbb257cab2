import { requireOrg, route } from "@/lib/http/route";
import { listJobFailures } from "@/lib/jobs/failures";

/** Background work that used up its retries (dead letters), for admins. */
export const GET = route({ role: "admin" }, async ({ session }) => {
  const org = requireOrg(session);
  return { failures: await listJobFailures(session.claims, org.orgId) };
});
