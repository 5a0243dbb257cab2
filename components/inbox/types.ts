import type { Jsonified } from "@/components/leads/types";
import type { ConversationDetail, ConversationListItem, Message } from "@/lib/inbox/types";

export type ConversationRow = Jsonified<ConversationListItem>;
export type ConversationData = Jsonified<ConversationDetail>;
export type MessageData = Jsonified<Message> & {
  /** Set on a reply shown before the server confirmed it (optimistic). */
  optimistic?: boolean;
};
export type ConversationPage = {
  conversations: ConversationRow[];
  nextCursor: string | null;
  prevCursor: string | null;
};
export type MessagePage = { messages: MessageData[]; olderCursor: string | null };
export type InboxMember = { userId: string; name: string; role: string };

/** The reply limit the API enforces (lib/inbox/schema.ts). */
export const MAX_MESSAGE_LENGTH = 1600;
