import { channelsOverview, createChannel, getChannel } from "@/lib/channels/admin";
import { createChannelSchema } from "@/lib/channels/schema";
import { route } from "@/lib/http/route";
import { can, MIN_ROLE } from "@/lib/auth/permissions";

/** The organization's channels with webhook URLs and sandbox signing secrets (admins only). */
export const GET = route({ org: true }, async ({ org, rls }) =>
  rls((tx) => channelsOverview(tx, org.orgId, can(org.role, "manageChannels"))),
);

export const POST = route(
  { role: MIN_ROLE.manageChannels, body: createChannelSchema },
  async ({ org, body, rls, user }) => {
    const channel = await rls(async (tx) => {
      const id = await createChannel(tx, user.id, org.orgId, body);
      return getChannel(tx, org.orgId, id);
    });
    return Response.json({ channel }, { status: 201 });
  },
);
