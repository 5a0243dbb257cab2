import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { getChannel } from "@/lib/channels/admin";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { syncOrProblem } from "@/lib/outreach/problems";

const params = z.object({ id: uuidParam });

/** "Sync now": the channel's templates and statuses from the provider (the hourly job does the same). */
export const POST = route({ role: MIN_ROLE.manageChannels, params }, async ({ org, params, rls }) => {
  const channel = await rls((tx) => getChannel(tx, org.orgId, params.id));
  if (!channel) throw notFound("channelNotFound");
  return { result: await syncOrProblem(org.orgId, channel.id) };
});
