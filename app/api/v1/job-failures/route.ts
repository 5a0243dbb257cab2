import { route } from "@/lib/http/route";
import { listJobFailures } from "@/lib/jobs/failures";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Background work that used up its retries (dead letters), for admins. */
export const GET = route({ role: MIN_ROLE.readJobFailures }, async ({ org, session }) => ({
  failures: await listJobFailures(session.claims, org.orgId),
}));
