import { route } from "@/lib/http/route";
import { listOrganizations, platformAdminOf } from "@/lib/platform/admin";
import { consoleQuery } from "@/lib/platform/input";
import { adminListQuery } from "@/lib/platform/schema";

/** Every organization with its plan, status, size and health; `?q=` searches, `?cursor=` pages. Signed out: 401; anyone but a platform admin: 404. */
export const GET = route(
  {
    openapi: {
      summary: "Organizations (platform admins)",
      description:
        "Every organization with plan, subscription status, members, leads, messages this month, onboarding progress and errors of the last 7 days. Query: `q` (name or id), `cursor`, `limit` (1–100, default 25). Platform admins only: 404 for everyone else.",
    },
  },
  async ({ session, request }) => {
    const admin = await platformAdminOf(session);
    return listOrganizations(admin, consoleQuery(adminListQuery, request));
  },
);
