import { route } from "@/lib/http/route";
import { listErrors, platformAdminOf } from "@/lib/platform/admin";
import { consoleQuery } from "@/lib/platform/input";
import { adminErrorsQuery } from "@/lib/platform/schema";

/**
 * Server errors (with the request id their response carried) and dead-lettered jobs across
 * organizations, newest first; `?q=` finds a request id, `?org=` one organization's. Signed out: 401; anyone but a platform admin: 404.
 */
export const GET = route(
  {
    openapi: {
      summary: "Error log (platform admins)",
      description:
        "Server errors with their request id and dead-lettered jobs across organizations, newest first. Query: `q` (request id, job id, path or text), `org`, `kind` (`server` or `job`), `cursor`, `limit`. Platform admins only: 404 for everyone else.",
    },
  },
  async ({ session, request }) => {
    const admin = await platformAdminOf(session);
    return listErrors(admin, consoleQuery(adminErrorsQuery, request));
  },
);
