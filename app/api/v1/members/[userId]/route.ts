import { z } from "zod";
import { withRls } from "@/lib/db";
import { forbidden } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { changeRole, removeMember } from "@/lib/orgs/members";
import { changeRoleSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

const params = z.object({ userId: uuidParam });

export const PATCH = route({ role: MIN_ROLE.changeMembers, params, body: changeRoleSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  if (body.role === "owner" && org.role !== "owner") throw forbidden("Only an owner can make someone an owner.");
  await withRls(session.claims, (tx) => changeRole(tx, session.user.id, org.orgId, params.userId, body.role));
  return { member: { userId: params.userId, role: body.role } };
});

/** Admins remove members; anyone may remove themselves (leave). */
export const DELETE = route({ params }, async ({ session, params }) => {
  const org = requireOrg(session);
  if (params.userId !== session.user.id && org.role !== "owner" && org.role !== "admin") {
    throw forbidden("Only owners and admins can remove members.");
  }
  await withRls(session.claims, (tx) => removeMember(tx, session.user.id, org.orgId, params.userId));
  return new Response(null, { status: 204 });
});
