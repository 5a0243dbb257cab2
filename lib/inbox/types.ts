import type { HeatLevel, BantStatus } from "@/lib/scoring";

export type ConversationStatus = "open" | "pending" | "closed";
export type MessageStatus = "queued" | "sent" | "delivered" | "read" | "failed" | "received";

export type ConversationListItem = {
  id: string;
  leadId: string;
  leadName: string;
  leadPhone: string | null;
  heatLevel: HeatLevel;
  medium: "sms" | "whatsapp";
  channelId: string;
  channelLabel: string;
  status: ConversationStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  mode: "ai" | "human";
  lastMessageAt: Date;
  lastMessagePreview: string;
  lastMessageDirection: "inbound" | "outbound" | null;
  unreadCount: number;
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
  channel: { id: string; provider: "twilio" | "whatsapp_cloud"; address: string; label: string; active: boolean; sandbox: boolean };
  lead: {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    company: string | null;
    status: string;
    heatLevel: HeatLevel;
    heatScore: number;
    heatExplanation: string[];
    bantStatuses: { budget: BantStatus; authority: BantStatus; need: BantStatus; timeline: BantStatus };
    bantScore: number;
    ownerId: string | null;
    ownerName: string | null;
  };
};

export type Message = {
  id: string;
  conversationId: string;
  direction: "inbound" | "outbound";
  body: string;
  media: { url?: string; id?: string; contentType?: string; caption?: string }[];
  status: MessageStatus;
  errorCode: string | null;
  errorMessage: string | null;
  provider: "twilio" | "whatsapp_cloud" | "sandbox";
  authorType: "user" | "agent" | "lead" | "system";
  authorId: string | null;
  authorName: string | null;
  sandbox: boolean;
  createdAt: Date;
  statusAt: Date;
};
