import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/orgs/invitations";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const DELETE = route({ role: MIN_ROLE.inviteMembers, params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => revokeInvitation(tx, session.user.id, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
