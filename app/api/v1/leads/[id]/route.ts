import { z } from "zod";
import { forbidden, notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { can, MIN_ROLE } from "@/lib/auth/permissions";
import { userActor } from "@/lib/leads/actor";
import { setDeleted, updateLead } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";
import { updateLeadSchema } from "@/lib/leads/schema";

const params = z.object({ id: uuidParam });

export const GET = route({ scope: "leads:read", org: true, params }, async ({ org, params, rls }) => {
  const lead = await rls((tx) => getLead(tx, org.orgId, params.id));
  if (!lead) throw notFound("leadNotFound");
  return { lead };
});

export const PATCH = route(
  { scope: "leads:write", org: true, params, body: updateLeadSchema },
  async ({ org, session, params, body, rls, user }) => {
    if (body.ownerId !== undefined && !can(org.role, "reassignLeads") && body.ownerId !== user.id) {
      throw forbidden("reassignNeedsManager");
    }
    const lead = await rls(async (tx) => {
      await updateLead(tx, userActor(session), org.orgId, params.id, body);
      return getLead(tx, org.orgId, params.id);
    });
    return { lead };
  },
);

/** Soft delete: restorable for 30 days through POST .../restore. */
export const DELETE = route(
  { scope: "leads:write", params, role: MIN_ROLE.deleteLeads },
  async ({ org, session, params, rls }) => {
    await rls((tx) => setDeleted(tx, userActor(session), org.orgId, params.id, true));
    return new Response(null, { status: 204 });
  },
);
