import { z } from "zod";
import { getChannel } from "@/lib/channels/admin";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { sendSoon } from "@/lib/inbox/queue";
import { userActor } from "@/lib/leads/actor";
import { startWithTemplateSchema, templateChoicesQuerySchema } from "@/lib/outreach/schema";
import { startWithTemplate, templateChoices } from "@/lib/outreach/send";

const params = z.object({ id: uuidParam });

/** A channel's approved templates filled for this lead ("start a conversation with a template"). */
export const GET = route(
  { scope: "leads:read", org: true, params, query: templateChoicesQuerySchema },
  async ({ org, params, query, rls, session }) =>
    rls(async (tx) => {
      const channel = await getChannel(tx, org.orgId, query.channelId);
      if (!channel) throw notFound("channelNotFound");
      return templateChoices(tx, org.orgId, {
        channelId: channel.id,
        sandbox: channel.sandbox,
        leadId: params.id,
        medium: query.medium,
        senderName: userActor(session).name,
      });
    }),
);

/** Opens (or finds) the thread over the channel and sends the template as its message. */
export const POST = route(
  { scope: "messages:write", org: true, params, body: startWithTemplateSchema },
  async ({ org, session, params, body, rls }) => {
    const started = await rls((tx) => startWithTemplate(tx, userActor(session), org.orgId, params.id, body));
    sendSoon({ id: started.messageId, orgId: org.orgId });
    return Response.json(started, { status: 201 });
  },
);
