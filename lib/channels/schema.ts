import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { normalizePhone } from "@/lib/leads/phone";

/** The check constraints on public.channels (tests/integration/vocabularies.test.ts compares them). */
export const CHANNEL_PROVIDERS = ["twilio", "whatsapp_cloud"] as const;
export const CHANNEL_CAPABILITIES = ["sms", "whatsapp", "voice"] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];
export type ChannelCapability = (typeof CHANNEL_CAPABILITIES)[number];

const e164 = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (!normalized) {
      ctx.addIssue({ code: "custom", message: "Enter the number with its country code, e.g. +41 44 668 18 00." });
      return z.NEVER;
    }
    return normalized;
  });

export const createChannelSchema = z
  .object({
    provider: z.enum(CHANNEL_PROVIDERS),
    address: e164,
    phoneNumberId: z
      .string()
      .trim()
      .regex(/^\d{5,32}$/, "The phone number id is the number Meta shows in WhatsApp Manager (digits only).")
      .optional(),
    capabilities: z.array(z.enum(CHANNEL_CAPABILITIES)).min(1, "Choose at least one capability.").max(3),
    label: text().min(1, "Give the channel a name.").max(80),
  })
  .superRefine((value, ctx) => {
    if (value.provider === "whatsapp_cloud") {
      if (!value.phoneNumberId)
        ctx.addIssue({ code: "custom", path: ["phoneNumberId"], message: "The Cloud API needs the phone number id." });
      if (value.capabilities.length !== 1 || value.capabilities[0] !== "whatsapp")
        ctx.addIssue({ code: "custom", path: ["capabilities"], message: "A Cloud API number carries WhatsApp only." });
    }
  });
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

export const updateChannelSchema = z
  .object({
    label: text().min(1, "Give the channel a name.").max(80).optional(),
    capabilities: z.array(z.enum(CHANNEL_CAPABILITIES)).min(1, "Choose at least one capability.").max(3).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change." });
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const simulateInboundSchema = z.object({
  from: e164,
  body: text().min(1, "Write the message the lead sends.").max(1600),
  profileName: text().max(200).optional(),
  medium: z.enum(["sms", "whatsapp"]).default("sms"),
});
