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
