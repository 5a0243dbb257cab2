import { z } from "zod";
import { authBackend } from "@/lib/auth/backend";
import { route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/orgs/invitations";

/** A signed-in user accepts an invitation addressed to their email, and switches to that organization. */
export const POST = route(
  { body: z.object({ token: z.string().min(20, "invitationLinkInvalid").max(200) }) },
  async ({ session, body, rls, user }) => {
    const orgId = await rls((tx) => acceptInvitation(tx, user.id, body.token));
    await (await authBackend()).enterOrganization(session, orgId);
    return { orgId };
  },
);
