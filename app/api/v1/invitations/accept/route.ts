import { z } from "zod";
import { switchOrganization } from "@/lib/auth/local";
import { withRls } from "@/lib/db";
import { route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/orgs/invitations";

/** A signed-in user accepts an invitation addressed to their email, and switches to that organization. */
export const POST = route({ body: z.object({ token: z.string().min(20, "That invitation link is not valid.").max(200) }) }, async ({ session, body }) => {
  const orgId = await withRls(session.claims, (tx) => acceptInvitation(tx, session.user.id, body.token));
  if (session.sessionId) await switchOrganization(session.claims, session.sessionId, orgId);
  return { orgId };
});
