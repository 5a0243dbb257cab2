import type { ProviderTemplateStatus } from "@/lib/channels/provider-templates";
import type { TemplateVariable } from "./variables";

export const TEMPLATE_CATEGORIES = ["marketing", "utility", "authentication"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export const TEMPLATE_STATUSES = [
  "approved",
  "pending",
  "rejected",
  "paused",
  "disabled",
] as const satisfies readonly ProviderTemplateStatus[];
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const CHANNEL_KINDS = ["sms", "whatsapp"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CONSENT_SOURCES = ["manual", "form", "inbound_message", "keyword", "provider"] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Why a bulk send left a lead out or could not send to it: kinds, worded at read time (outreach.reasons). */
export const RECIPIENT_REASONS = [
  "opted_out",
  "no_opt_in",
  "no_phone",
  "no_channel",
  "template_unavailable",
  "not_visible",
  "send_refused",
  "cancelled",
] as const;
export type RecipientReason = (typeof RECIPIENT_REASONS)[number];

export type MessageTemplate = {
  id: string;
  channelId: string;
  provider: "twilio" | "whatsapp_cloud" | "sandbox";
  providerTemplateId: string | null;
  name: string;
  language: string;
  category: TemplateCategory;
  body: string;
  variables: TemplateVariable[];
  buttons: { type: string; text: string; url?: string }[];
  status: TemplateStatus;
  rejectedReason: string | null;
  sample: boolean;
  syncedAt: Date | null;
  createdAt: Date;
};

/** What an outbound message stores in messages.template and the sender reads. */
export type SentTemplate = {
  templateId: string;
  name: string;
  language: string;
  providerTemplateId: string | null;
  parameters: string[];
};

export type Consent = {
  channelKind: ChannelKind;
  status: "opted_in" | "opted_out";
  source: ConsentSource;
  at: Date;
  recordedBy: string | null;
  confirmationSentAt: Date | null;
};
