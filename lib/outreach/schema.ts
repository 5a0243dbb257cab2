import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { HEAT_LEVELS } from "@/lib/scoring";
import { CHANNEL_KINDS, TEMPLATE_CATEGORIES } from "./types";
import { numberedInOrder, placeholders, VARIABLE_SOURCES } from "./variables";

const variable = z.object({
  source: z.enum(VARIABLE_SOURCES).nullable(),
  example: text().max(200, "templateExampleTooLong").default(""),
});

const button = z.object({
  type: z.enum(["quick_reply", "url"]),
  text: text().min(1, "templateButtonRequired").max(25, "templateButtonTooLong"),
  url: z.url("templateButtonUrl").max(2000).optional(),
});

/** A template written in Kiln (Settings → Channels → templates); submitted to the provider for review. */
export const createTemplateSchema = z
  .object({
    // Meta's rule: lowercase letters, digits and underscores.
    name: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,511}$/, "templateNameFormat"),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "templateLanguageFormat"),
    category: z.enum(TEMPLATE_CATEGORIES),
    body: text().min(1, "templateBodyRequired").max(1024, "templateBodyTooLong"),
    variables: z.array(variable).max(20).default([]),
    buttons: z.array(button).max(10).default([]),
  })
  .superRefine((v, ctx) => {
    if (!numberedInOrder(v.body)) ctx.addIssue({ code: "custom", path: ["body"], message: "templateVariablesInOrder" });
    else if (v.variables.length !== placeholders(v.body).length)
      ctx.addIssue({ code: "custom", path: ["variables"], message: "templateVariablesCount" });
    for (const [i, b] of v.buttons.entries())
      if (b.type === "url" && !b.url)
        ctx.addIssue({ code: "custom", path: ["buttons", i, "url"], message: "templateButtonUrl" });
  });
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

export const updateTemplateVariablesSchema = z.object({ variables: z.array(variable).max(20) });

const parameters = z.array(text().max(1024, "templateVariableTooLong")).max(20);

/** A template in an existing thread. */
export const sendTemplateSchema = z.object({ templateId: z.uuid("templateRequired"), parameters });

/** "Start a conversation with a template" from the lead page. */
export const startWithTemplateSchema = z.object({
  channelId: z.uuid("channelRequired"),
  medium: z.enum(CHANNEL_KINDS),
  templateId: z.uuid("templateRequired"),
  parameters,
});

/** The lead page's template picker: the channel's approved templates filled for this lead. */
export const templateChoicesQuerySchema = z.object({
  channelId: z.uuid("channelRequired"),
  medium: z.enum(CHANNEL_KINDS),
});

/** A bulk send: ticked leads, or everyone silent for some days (of some heat levels). */
export const bulkSendSchema = z
  .object({
    templateId: z.uuid("templateRequired"),
    leadIds: z.array(z.uuid("leadIdInvalid")).min(1, "selectLead").max(1000, "tooManyLeads").optional(),
    silentDays: z.coerce.number().int().min(1, "silentDaysRange").max(365, "silentDaysRange").optional(),
    heat: z.array(z.enum(HEAT_LEVELS)).max(4).optional(),
    ratePerMinute: z.coerce.number().int().min(1, "rateRange").max(600, "rateRange").optional(),
  })
  .refine((v) => Boolean(v.leadIds) !== (v.silentDays !== undefined), { message: "bulkAudience", path: ["leadIds"] });

export const recordConsentSchema = z.object({
  channelKind: z.enum(CHANNEL_KINDS),
  status: z.enum(["opted_in", "opted_out"]),
  source: z.enum(["manual", "form"]).default("manual"),
});
