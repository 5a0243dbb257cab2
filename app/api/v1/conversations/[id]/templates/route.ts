import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getConversation, getMessage } from "@/lib/inbox/queries";
import { sendSoon } from "@/lib/inbox/queue";
import { userActor } from "@/lib/leads/actor";
import { sendTemplateSchema } from "@/lib/outreach/schema";
import { sendTemplateInConversation, templateChoices } from "@/lib/outreach/send";

const params = z.object({ id: uuidParam });

/** The thread channel's approved templates, variables filled from the lead, with a preview each. */
export const GET = route({ scope: "conversations:read", org: true, params }, async ({ org, params, rls, session }) =>
  rls(async (tx) => {
    const conversation = await getConversation(tx, org.orgId, params.id);
    if (!conversation) throw notFound("conversationNotFound");
    return templateChoices(tx, org.orgId, {
      channelId: conversation.channel.id,
      sandbox: conversation.channel.sandbox,
      leadId: conversation.leadId,
      medium: conversation.medium,
      conversationId: conversation.id,
      senderName: userActor(session).name,
    });
  }),
);

/** Sends an approved template in the thread (the way to reach a lead once WhatsApp's window closed). */
export const POST = route(
  { scope: "messages:write", org: true, params, body: sendTemplateSchema },
  async ({ org, session, params, body, rls }) => {
    const message = await rls(async (tx) => {
      const id = await sendTemplateInConversation(tx, userActor(session), org.orgId, params.id, body);
      return getMessage(tx, org.orgId, id);
    });
    sendSoon({ id: message!.id, orgId: org.orgId });
    return Response.json({ message }, { status: 201 });
  },
);
