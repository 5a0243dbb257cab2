import { forbidden } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { can } from "@/lib/auth/permissions";
import { userActor } from "@/lib/leads/actor";
import { bulkUpdate } from "@/lib/leads/mutations";
import { bulkUpdateSchema } from "@/lib/leads/schema";

/** Owner, status, tags or project for up to 1,000 leads, all or nothing. */
export const POST = route(
  { scope: "leads:write", org: true, body: bulkUpdateSchema },
  async ({ org, session, body, rls }) => {
    if (body.changes.ownerId !== undefined && !can(org.role, "reassignLeads")) throw forbidden("reassignNeedsManager");
    const updated = await rls((tx) => bulkUpdate(tx, userActor(session), org.orgId, body));
    return { updated };
  },
);
