import type { ChannelProvider } from "@/lib/channels/schema";
import type { CamelRow } from "@/lib/db/types";
import type { HeatLevel, BantStatus, HeatLine } from "@/lib/scoring";
import type { ConversationTag } from "./tag-palette";

/** The check constraints on public.conversations and public.messages (tests/integration/vocabularies.test.ts compares them). */
export const CONVERSATION_MEDIA = ["sms", "whatsapp", "email"] as const;
export type ConversationMedium = (typeof CONVERSATION_MEDIA)[number];
export const CONVERSATION_STATUSES = ["open", "pending", "closed"] as const;
/** The keys of working hours (public.response_time_settings.working_hours), Monday first. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const MESSAGE_STATUSES = ["queued", "sent", "delivered", "read", "failed", "received"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/**
 * Send failures Kiln names itself (`messages.error_code`), shown by code in the reader's language
 * (`inbox.message.failures`); any other code is the provider's, shown with the provider's own words.
 */
export const KILN_SEND_FAILURES = [
  "no_phone",
  "number_not_allocated",
  "bad_response",
  "network",
  "no_email",
  "email_undeliverable",
  "attachment_missing",
  "storage_unavailable",
  // A reply from a member's Gmail (lib/integrations/google/gmail-send.ts).
  "gmail_reconnect",
  "gmail_send_off",
  "gmail_disconnected",
  "gmail_rate_limited",
  "gmail_unavailable",
  "gmail_refused",
] as const;

/** Columns read as stored (typed from the migrations), then the joined and narrowed fields. */
export type ConversationListItem = Pick<
  CamelRow<"conversations">,
  | "id"
  | "leadId"
  | "channelId"
  | "assigneeId"
  | "lastMessageAt"
  | "lastMessagePreview"
  | "unreadCount"
  /** The lead's first unanswered message; null: nobody waits. */
  | "waitingSince"
  /** Set when the wait passed the channel's response-time SLA (lib/inbox/sla.ts). */
  | "slaBreachedAt"
> & {
  leadName: string;
  leadPhone: string | null;
  heatLevel: HeatLevel;
  medium: ConversationMedium;
  channelLabel: string;
  status: ConversationStatus;
  assigneeName: string | null;
  mode: "ai" | "human";
  lastMessageDirection: "inbound" | "outbound" | null;
  tags: ConversationTag[];
};

export type ConversationDetail = ConversationListItem & {
  lastInboundAt: Date | null;
  /** WhatsApp only: free-form replies are allowed until then (null: closed, or not WhatsApp). */
  windowOpenUntil: Date | null;
  /** The AI's draft waiting for approval in this thread (lib/approvals), if any. */
  pendingDraft: { taskId: string; draft: string; createdAt: string } | null;
  /** The agent chosen for this thread; null follows the organization's default agent. */
  agentId: string | null;
  /**
   * The agent that answers now: the chosen one while active, else the organization's default
   * (`isDefault`); null when no active agent would answer.
   */
  agent: { id: string; name: string; isDefault: boolean } | null;
  channel: {
    id: string;
    provider: ChannelProvider | "email";
    address: string;
    label: string;
    active: boolean;
    sandbox: boolean;
  };
  lead: {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    company: string | null;
    status: string;
    heatLevel: HeatLevel;
    heatScore: number;
    /** The engine's lines as stored ({ key, params }); render with renderHeatLine. */
    heatLines: HeatLine[];
    /** heatLines as text in the caller's language, for API clients. */
    heatExplanation: string[];
    bantStatuses: { budget: BantStatus; authority: BantStatus; need: BantStatus; timeline: BantStatus };
    bantScore: number;
    ownerId: string | null;
    ownerName: string | null;
  };
  /**
   * An email thread's reply: the subject it goes out with ("Re: …" of the lead's latest email,
   * lib/email/reply.ts), and whether the lead's address hard-bounced (replies are refused). Null
   * for SMS and WhatsApp.
   */
  email: { subject: string; undeliverable: boolean } | null;
};

/** Columns read as stored (typed from the migrations), then the narrowed vocabularies and the author's name. */
export type Message = Pick<
  CamelRow<"messages">,
  "id" | "conversationId" | "body" | "errorCode" | "errorMessage" | "authorId" | "sandbox" | "createdAt" | "statusAt"
> & {
  direction: "inbound" | "outbound";
  media: { url?: string; id?: string; contentType?: string; caption?: string }[];
  /** Files kept in Kiln's storage (uploads, and inbound media once copied); served by /api/v1/attachments/<id>/content. */
  attachments: MessageAttachment[];
  status: MessageStatus;
  provider: ChannelProvider | "sandbox" | "email";
  authorType: "user" | "agent" | "lead" | "system";
  authorName: string | null;
  /** The email part of a message of an email conversation (./email-ingest.ts); null for SMS and WhatsApp. */
  email?: MessageEmail | null;
};

/** The whole email of a message (GET /api/v1/messages/<id>/email): raw HTML, shown only sanitised (lib/email/sanitize.ts). */
export type MessageEmailContent = MessageEmail & {
  messageId: string;
  fromName: string | null;
  to: string[];
  cc: string[];
  text: string;
  html: string | null;
  rfcMessageId: string | null;
  inReplyTo: string | null;
  references: string[];
  sentAt: Date | null;
};

/** What a message bubble shows of an email; the HTML body is read on its own, never inline here. */
export type MessageEmail = {
  subject: string;
  from: string;
  /** An automatic answer (out-of-office …) or a bounce: stored, but not a reply. */
  autoReply: boolean;
  bounce: boolean;
  bounceStatus: string | null;
  /**
   * It came through (or left by) members' Gmail, and every mailbox's copy was deleted there since
   * (or moved to the trash): Kiln keeps the message, the thread says so.
   */
  deletedInGmail: boolean;
};

/** A file of a message as clients see it; `status` pending/failed: an inbound copy not (yet) in storage. */
export type MessageAttachment = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number | null;
  status: "pending" | "stored" | "failed";
};
