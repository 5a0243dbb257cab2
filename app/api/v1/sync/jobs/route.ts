import { route } from "@/lib/http/route";
import { listSyncJobs } from "@/lib/sync/jobs";
import { syncJobsQuerySchema } from "@/lib/sync/schema";

/** The caller's own recent sync jobs (newest first), with progress and errors as kinds. */
export const GET = route({ org: true, query: syncJobsQuerySchema }, async ({ org, user, query, rls }) => ({
  jobs: await rls((tx) => listSyncJobs(tx, org.orgId, user.id, query)),
}));
