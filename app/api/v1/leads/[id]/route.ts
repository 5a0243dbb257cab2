import { z } from "zod";
import { withRls } from "@/lib/db";
import { forbidden, notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { hasRole } from "@/lib/auth/roles";
import { userActor } from "@/lib/leads/actor";
import { setDeleted, updateLead } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";
import { updateLeadSchema } from "@/lib/leads/schema";

const params = z.object({ id: uuidParam });

export const GET = route({ params }, async ({ session, params }) => {
  const org = requireOrg(session);
  const lead = await withRls(session.claims, (tx) => getLead(tx, org.orgId, params.id));
  if (!lead) throw notFound("Lead not found.");
  return { lead };
});

export const PATCH = route({ params, body: updateLeadSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  if (body.ownerId !== undefined && !hasRole(org.role, "manager") && body.ownerId !== session.user.id) {
    throw forbidden("Only managers, admins and owners can reassign leads.");
  }
  const lead = await withRls(session.claims, async (tx) => {
    await updateLead(tx, userActor(session), org.orgId, params.id, body);
    return getLead(tx, org.orgId, params.id);
  });
  return { lead };
});

/** Soft delete: restorable for 30 days through POST .../restore. */
export const DELETE = route({ params, role: "manager" }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => setDeleted(tx, userActor(session), org.orgId, params.id, true));
  return new Response(null, { status: 204 });
});
