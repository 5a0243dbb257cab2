/** Template, consent and bulk-send shapes as the JSON API answers them (dates as strings). */
export type TemplateBlock = "opted_out" | "needs_opt_in" | null;
export type TemplateData = {
  id: string;
  channelId: string;
  provider: "twilio" | "whatsapp_cloud" | "sandbox";
  name: string;
  language: string;
  category: "marketing" | "utility" | "authentication";
  body: string;
  variables: { source: string | null; example: string }[];
  buttons: { type: string; text: string; url?: string }[];
  status: "approved" | "pending" | "rejected" | "paused" | "disabled";
  rejectedReason: string | null;
  sample: boolean;
};
export type TemplateChoice = TemplateData & { parameters: string[]; preview: string; block: TemplateBlock };
export type ConsentStatus = "opted_in" | "opted_out";
export type TemplateChoices = { templates: TemplateChoice[]; consent: ConsentStatus | null };
export type ConsentData = {
  channelKind: "sms" | "whatsapp";
  status: ConsentStatus;
  source: "manual" | "form" | "inbound_message" | "keyword" | "provider";
  at: string;
  confirmationSentAt: string | null;
};
export type RunSummary = {
  id: string;
  templateName: string;
  ratePerMinute: number;
  status: "running" | "done" | "cancelled";
  createdAt: string;
  finishedAt: string | null;
  counts: { pending: number; sent: number; skipped: number; failed: number };
};
export type RunRecipient = {
  leadId: string;
  leadName: string | null;
  status: "pending" | "sent" | "skipped" | "failed";
  reason: string | null;
  processedAt: string | null;
};

/** The variables' sources and the recipients' reasons, for dynamic message keys. */
export const VARIABLE_SOURCE_KEYS = ["name", "firstName", "company", "owner", "meetingLink"] as const;
