import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { getChannel } from "@/lib/channels/admin";
import { HttpError, notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { createTemplateSchema } from "@/lib/outreach/schema";
import { submitTemplateOrProblem } from "@/lib/outreach/problems";
import { ensureSampleTemplates, getTemplate, insertTemplate, listTemplates } from "@/lib/outreach/templates";

const params = z.object({ id: uuidParam });

/** The channel's template library with each template's approval status (sandbox: the samples). */
export const GET = route({ org: true, params }, async ({ org, params, rls }) =>
  rls(async (tx) => {
    const channel = await getChannel(tx, org.orgId, params.id);
    if (!channel) throw notFound("channelNotFound");
    if (channel.sandbox) await ensureSampleTemplates(tx, channel.id);
    return { sandbox: channel.sandbox, templates: await listTemplates(tx, org.orgId, channel.id) };
  }),
);

/** An admin writes a template; it is stored as pending and submitted to the Cloud API for review. */
export const POST = route(
  { role: MIN_ROLE.manageChannels, params, body: createTemplateSchema },
  async ({ org, params, body, rls, user }) => {
    const id = await rls(async (tx) => {
      const channel = await getChannel(tx, org.orgId, params.id);
      if (!channel) throw notFound("channelNotFound");
      // Twilio's templates are written in its Console and arrive by sync.
      if (!channel.sandbox && channel.provider !== "whatsapp_cloud")
        throw new HttpError(422, "Unprocessable content", "templatesWrittenAtProvider", {
          errors: { name: ["templatesWrittenAtProvider"] },
        });
      return insertTemplate(tx, user.id, org.orgId, {
        ...body,
        channelId: channel.id,
        provider: channel.sandbox ? "sandbox" : "whatsapp_cloud",
      });
    });
    await submitTemplateOrProblem(org.orgId, id);
    const template = await rls((tx) => getTemplate(tx, org.orgId, id));
    return Response.json({ template }, { status: 201 });
  },
);
