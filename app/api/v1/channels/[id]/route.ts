import { z } from "zod";
import { deleteChannel, getChannel, updateChannel } from "@/lib/channels/admin";
import { updateChannelSchema } from "@/lib/channels/schema";
import { route, uuidParam } from "@/lib/http/route";
import { MIN_ROLE } from "@/lib/auth/permissions";

const params = z.object({ id: uuidParam });

export const PATCH = route(
  { role: MIN_ROLE.manageChannels, params, body: updateChannelSchema },
  async ({ org, params, body, rls, user }) => {
    const channel = await rls(async (tx) => {
      await updateChannel(tx, user.id, org.orgId, params.id, body);
      return getChannel(tx, org.orgId, params.id);
    });
    return { channel };
  },
);

export const DELETE = route({ role: MIN_ROLE.manageChannels, params }, async ({ org, params, rls, user }) => {
  await rls((tx) => deleteChannel(tx, user.id, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
