import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/orgs/invitations";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const DELETE = route(
  { role: MIN_ROLE.inviteMembers, params: z.object({ id: uuidParam }) },
  async ({ org, params, rls, user }) => {
    await rls((tx) => revokeInvitation(tx, user.id, org.orgId, params.id));
    return new Response(null, { status: 204 });
  },
);
