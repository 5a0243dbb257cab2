import { z } from "zod";
import { forbidden } from "@/lib/http/errors";
import { forgetDepartedGoogleSoon } from "@/lib/integrations/google/queue";
import { route, uuidParam } from "@/lib/http/route";
import { changeRole, removeMember } from "@/lib/orgs/members";
import { changeRoleSchema } from "@/lib/orgs/schema";
import { can, MIN_ROLE } from "@/lib/auth/permissions";

const params = z.object({ userId: uuidParam });

export const PATCH = route(
  { role: MIN_ROLE.changeMembers, params, body: changeRoleSchema },
  async ({ org, params, body, rls, user }) => {
    if (body.role === "owner" && org.role !== "owner") throw forbidden("ownerMakesOwner");
    await rls((tx) => changeRole(tx, user.id, org.orgId, params.userId, body.role));
    return { member: { userId: params.userId, role: body.role } };
  },
);

/** Admins remove members; anyone may remove themselves (leave). */
export const DELETE = route({ org: true, params }, async ({ org, params, rls, user }) => {
  if (params.userId !== user.id && !can(org.role, "changeMembers")) {
    throw forbidden("removeMembersNeedsAdmin");
  }
  await rls((tx) => removeMember(tx, user.id, org.orgId, params.userId));
  // Their own Google grant in this organization is revoked and forgotten (lib/integrations/google/queue.ts).
  forgetDepartedGoogleSoon();
  return new Response(null, { status: 204 });
});
