import { route } from "@/lib/http/route";
import { listUsers, platformAdminOf } from "@/lib/platform/admin";
import { consoleQuery } from "@/lib/platform/input";
import { adminListQuery } from "@/lib/platform/schema";

/** Every person with their organizations, last sign-in and whether they may sign in. Signed out: 401; anyone but a platform admin: 404. */
export const GET = route(
  {
    openapi: {
      summary: "Users (platform admins)",
      description:
        "Every person with their organizations and roles, last sign-in and whether sign-in is enabled. Query: `q` (name, email or id), `cursor`, `limit`. Platform admins only: 404 for everyone else.",
    },
  },
  async ({ session, request }) => {
    const admin = await platformAdminOf(session);
    return listUsers(admin, consoleQuery(adminListQuery, request));
  },
);
