import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { normalizePhone } from "@/lib/leads/phone";

/** The check constraints on public.channels (tests/integration/vocabularies.test.ts compares them). */
export const CHANNEL_PROVIDERS = ["twilio", "whatsapp_cloud", "email"] as const;
export const CHANNEL_CAPABILITIES = ["sms", "whatsapp", "voice", "email"] as const;
/** The providers of numbers (sending, allocation, media): a mailbox (`email`) is none of them. */
export const PHONE_CHANNEL_PROVIDERS = ["twilio", "whatsapp_cloud"] as const;
export const PHONE_CHANNEL_CAPABILITIES = ["sms", "whatsapp", "voice"] as const;
export type ChannelProvider = (typeof PHONE_CHANNEL_PROVIDERS)[number];
export type ChannelCapability = (typeof PHONE_CHANNEL_CAPABILITIES)[number];

const e164 = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (!normalized) {
      ctx.addIssue({ code: "custom", message: "channelNumberInvalid" });
      return z.NEVER;
    }
    return normalized;
  });

export const createChannelSchema = z
  .object({
    provider: z.enum(PHONE_CHANNEL_PROVIDERS),
    address: e164,
    phoneNumberId: z
      .string()
      .trim()
      .regex(/^\d{5,32}$/, "phoneNumberIdInvalid")
      .optional(),
    capabilities: z.array(z.enum(PHONE_CHANNEL_CAPABILITIES)).min(1, "capabilityRequired").max(3),
    label: text().min(1, "channelNameRequired").max(80),
  })
  .superRefine((value, ctx) => {
    if (value.provider === "whatsapp_cloud") {
      if (!value.phoneNumberId)
        ctx.addIssue({ code: "custom", path: ["phoneNumberId"], message: "cloudApiNeedsPhoneNumberId" });
      if (value.capabilities.length !== 1 || value.capabilities[0] !== "whatsapp")
        ctx.addIssue({ code: "custom", path: ["capabilities"], message: "cloudApiWhatsAppOnly" });
    }
  });
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

export const updateChannelSchema = z
  .object({
    label: text().min(1, "channelNameRequired").max(80).optional(),
    capabilities: z.array(z.enum(PHONE_CHANNEL_CAPABILITIES)).min(1, "capabilityRequired").max(3).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothingToChange" });
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const simulateInboundSchema = z.object({
  from: e164,
  body: text().min(1, "simulatedMessageRequired").max(1600),
  profileName: text().max(200).optional(),
  medium: z.enum(["sms", "whatsapp"]).default("sms"),
});

/** A mailbox (an email channel): the address mail is sent to, lower-cased, and a name. */
export const createMailboxSchema = z.object({
  address: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, "mailboxAddressInvalid")
    .regex(/^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/, "mailboxAddressInvalid"),
  label: text().min(1, "channelNameRequired").max(80),
});
export type CreateMailboxInput = z.infer<typeof createMailboxSchema>;
