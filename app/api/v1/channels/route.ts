import { hasRole } from "@/lib/auth/roles";
import { channelsOverview, createChannel, getChannel } from "@/lib/channels/admin";
import { createChannelSchema } from "@/lib/channels/schema";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** The organization's channels with webhook URLs and sandbox signing secrets (admins only). */
export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => channelsOverview(tx, org.orgId, hasRole(org.role, "admin")));
});

export const POST = route({ role: MIN_ROLE.manageChannels, body: createChannelSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const channel = await withRls(session.claims, async (tx) => {
    const id = await createChannel(tx, session.user.id, org.orgId, body);
    return getChannel(tx, org.orgId, id);
  });
  return Response.json({ channel }, { status: 201 });
});
