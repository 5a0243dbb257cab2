import { z } from "zod";
import { deleteChannel, getChannel, updateChannel } from "@/lib/channels/admin";
import { updateChannelSchema } from "@/lib/channels/schema";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { MIN_ROLE } from "@/lib/auth/permissions";

const params = z.object({ id: uuidParam });

export const PATCH = route({ role: MIN_ROLE.manageChannels, params, body: updateChannelSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  const channel = await withRls(session.claims, async (tx) => {
    await updateChannel(tx, session.user.id, org.orgId, params.id, body);
    return getChannel(tx, org.orgId, params.id);
  });
  return { channel };
});

export const DELETE = route({ role: MIN_ROLE.manageChannels, params }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => deleteChannel(tx, session.user.id, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
