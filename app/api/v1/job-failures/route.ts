import { requireOrg, route } from "@/lib/http/route";
import { listJobFailures } from "@/lib/jobs/failures";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Background work that used up its retries (dead letters), for admins. */
export const GET = route({ role: MIN_ROLE.readJobFailures }, async ({ session }) => {
  const org = requireOrg(session);
  return { failures: await listJobFailures(session.claims, org.orgId) };
});
