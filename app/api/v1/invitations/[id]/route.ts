import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/orgs/invitations";

export const DELETE = route({ role: "admin", params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => revokeInvitation(tx, session.user.id, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
