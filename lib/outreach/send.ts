/**
 * Sending an approved template to a lead: in an existing thread (the composer once the
 * WhatsApp window closed) or as the first message of one ("start a conversation with a
 * template"). The template's rules are checked here (approved, on this channel, every
 * variable filled, marketing only with an opt-in); the message goes out through the one
 * outbound path (lib/inbox queueOutboundMessage), which refuses opted-out leads.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { HttpError, notFound } from "@/lib/http/errors";
import { queueOutboundMessage, startConversation } from "@/lib/inbox/mutations";
import { getConversation } from "@/lib/inbox/queries";
import type { Actor } from "@/lib/leads/types";
import { consentStatus } from "./consent";
import { leadFacts } from "./facts";
import { ensureSampleTemplates, getTemplate, listTemplates } from "./templates";
import type { Consent, MessageTemplate, SentTemplate } from "./types";
import { fillParameters, placeholders, renderTemplate } from "./variables";

type UserActor = Extract<Actor, { type: "user" }>;

/** Why a template cannot go to this lead now, as a kind (outreach.blocked.*); null: it can. */
export type TemplateBlock = "opted_out" | "needs_opt_in" | null;

export function templateBlock(
  template: Pick<MessageTemplate, "category">,
  consent: Consent["status"] | null,
): TemplateBlock {
  if (consent === "opted_out") return "opted_out";
  if (template.category === "marketing" && consent !== "opted_in") return "needs_opt_in";
  return null;
}

export type TemplateChoice = MessageTemplate & { parameters: string[]; preview: string; block: TemplateBlock };

/**
 * The approved templates of a channel for one lead, each with its variables filled from
 * the lead (editable in the composer) and the preview; a sandbox channel gets its samples first.
 */
export async function templateChoices(
  tx: Tx,
  orgId: string,
  input: {
    channelId: string;
    sandbox: boolean;
    leadId: string;
    medium: string;
    conversationId?: string | null;
    /** Who is about to send: the owner while the lead has none. */
    senderName: string;
  },
): Promise<{ templates: TemplateChoice[]; consent: Consent["status"] | null }> {
  if (input.sandbox) await ensureSampleTemplates(tx, input.channelId);
  const [templates, facts, consent] = await Promise.all([
    listTemplates(tx, orgId, input.channelId, { approvedOnly: true }),
    leadFacts(tx, orgId, input.leadId, { conversationId: input.conversationId, senderName: input.senderName }),
    consentStatus(tx, input.leadId, input.medium),
  ]);
  if (!facts) throw notFound("leadNotFound");
  return {
    consent,
    templates: templates.map((template) => {
      const parameters = fillParameters(template.body, template.variables, facts);
      return {
        ...template,
        parameters,
        preview: renderTemplate(template.body, parameters),
        block: templateBlock(template, consent),
      };
    }),
  };
}

const unprocessable = (detail: string, errors: Record<string, string[]>) =>
  new HttpError(422, "Unprocessable content", detail, { errors });

/** The template, checked for this channel and lead, and the message it makes. */
async function prepare(
  tx: Tx,
  orgId: string,
  input: { templateId: string; parameters: string[]; channelId: string; leadId: string; medium: string },
): Promise<{ body: string; template: SentTemplate }> {
  const template = await getTemplate(tx, orgId, input.templateId);
  if (!template || template.channelId !== input.channelId)
    throw unprocessable("templateNotOnChannel", { templateId: ["templateUnknown"] });
  if (template.status !== "approved")
    throw new HttpError(
      409,
      "Conflict",
      { key: "templateNotApproved", values: { name: template.name } },
      {
        code: "template_not_approved",
      },
    );
  const count = placeholders(template.body).length;
  const parameters = input.parameters.map((p) => p.trim());
  if (parameters.length !== count || parameters.some((p) => !p))
    throw unprocessable("templateVariablesMissing", { parameters: ["templateVariablesRequired"] });
  const block = templateBlock(template, await consentStatus(tx, input.leadId, input.medium));
  if (block === "needs_opt_in")
    throw new HttpError(409, "Conflict", "marketingNeedsOptIn", { code: "opt_in_required" });
  return {
    body: renderTemplate(template.body, parameters),
    template: {
      templateId: template.id,
      name: template.name,
      language: template.language,
      providerTemplateId: template.providerTemplateId,
      parameters,
    },
  };
}

/** A template in an existing thread (the closed-window composer); answers the message id. */
export async function sendTemplateInConversation(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  conversationId: string,
  input: { templateId: string; parameters: string[] },
): Promise<string> {
  const conversation = await getConversation(tx, orgId, conversationId);
  if (!conversation) throw notFound("conversationNotFound");
  const prepared = await prepare(tx, orgId, {
    ...input,
    channelId: conversation.channelId,
    leadId: conversation.leadId,
    medium: conversation.medium,
  });
  const { id } = await queueOutboundMessage(tx, {
    orgId,
    conversationId,
    body: prepared.body,
    template: prepared.template,
    author: { kind: "person", actor },
  });
  return id;
}

/** "Start a conversation with a template": opens (or finds) the thread, then sends the template in it. */
export async function startWithTemplate(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  input: { channelId: string; medium: "sms" | "whatsapp"; templateId: string; parameters: string[] },
): Promise<{ conversationId: string; messageId: string }> {
  const conversationId = await startConversation(tx, actor, orgId, {
    leadId,
    channelId: input.channelId,
    medium: input.medium,
  });
  const messageId = await sendTemplateInConversation(tx, actor, orgId, conversationId, input);
  return { conversationId, messageId };
}
