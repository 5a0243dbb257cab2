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

/** A mail server's host name or IP address as typed; where it may point is checked when connecting (mailbox-connect.ts). */
const mailHost = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "mailHostRequired")
  .max(253, "mailHostInvalid")
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\[?[0-9a-f:.]+\]?$/,
    "mailHostInvalid",
  );
const mailPort = z.coerce.number().int("mailPortInvalid").min(1, "mailPortInvalid").max(65535, "mailPortInvalid");
const mailUser = z.string().trim().min(1, "mailUserRequired").max(320, "mailUserInvalid");
/** Left empty when changing other fields: the stored password stays. */
const mailPassword = z.string().max(500, "mailPasswordTooLong").optional();

export const SMTP_SECURITY = ["tls", "starttls", "none"] as const;

/**
 * A mailbox's own mail server: IMAP to read it, SMTP to send from it; either may be null
 * (removed). A password is required the first time a side is set.
 */
export const mailboxCredentialsSchema = z
  .object({
    imap: z
      .object({
        host: mailHost,
        port: mailPort.default(993),
        tls: z.boolean().default(true),
        user: mailUser,
        password: mailPassword,
        folder: z.string().trim().min(1, "mailFolderRequired").max(200, "mailFolderInvalid").default("INBOX"),
      })
      .nullable(),
    smtp: z
      .object({
        host: mailHost,
        port: mailPort.default(465),
        security: z.enum(SMTP_SECURITY).default("tls"),
        user: mailUser,
        password: mailPassword,
      })
      .nullable(),
  })
  .refine((v) => v.imap || v.smtp, { message: "mailServerRequired", path: ["imap"] });
export type MailboxCredentialsInput = z.infer<typeof mailboxCredentialsSchema>;

/** What can go wrong reaching a mailbox's servers (mailbox_credentials.imap_last_error_kind checks the same list). */
export const MAIL_ERROR_KINDS = [
  "auth_failed",
  "host_unreachable",
  "tls_error",
  "timeout",
  "host_refused",
  "folder_missing",
  "protocol_error",
] as const;
export type MailErrorKind = (typeof MAIL_ERROR_KINDS)[number];

/**
 * Settings' form for a mailbox's servers: both sides always present, each switched on or off;
 * `mailboxServersBody` turns it into what the route parses (mailboxCredentialsSchema), whose
 * field errors (`imap.host` …) land on the same inputs.
 */
export const mailboxServersFormSchema = z.object({
  imapOn: z.boolean(),
  imap: z.object({
    host: z.string().max(253, "mailHostInvalid"),
    port: z.string(),
    tls: z.boolean(),
    user: z.string().max(320, "mailUserInvalid"),
    password: z.string().max(500, "mailPasswordTooLong"),
    folder: z.string().max(200, "mailFolderInvalid"),
  }),
  smtpOn: z.boolean(),
  smtp: z.object({
    host: z.string().max(253, "mailHostInvalid"),
    port: z.string(),
    security: z.enum(SMTP_SECURITY),
    user: z.string().max(320, "mailUserInvalid"),
    password: z.string().max(500, "mailPasswordTooLong"),
  }),
});
export type MailboxServersForm = z.infer<typeof mailboxServersFormSchema>;

export function mailboxServersBody(form: MailboxServersForm) {
  return {
    imap: form.imapOn
      ? { ...form.imap, port: Number(form.imap.port) || form.imap.port, password: form.imap.password || undefined }
      : null,
    smtp: form.smtpOn
      ? { ...form.smtp, port: Number(form.smtp.port) || form.smtp.port, password: form.smtp.password || undefined }
      : null,
  };
}
