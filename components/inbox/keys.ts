/**
 * The React Query keys for the inbox, as one factory so every query, mutation and live update
 * names the same cache entries. Keys are prefixes: `all` covers every inbox query.
 */
export const inboxKeys = {
  all: ["inbox"] as const,
  lists: () => [...inboxKeys.all, "list"] as const,
  /** One view of the conversation list, by its canonical query string. */
  list: (query: string) => [...inboxKeys.lists(), query] as const,
  conversations: () => [...inboxKeys.all, "conversation"] as const,
  conversation: (id: string) => [...inboxKeys.conversations(), id] as const,
  threads: () => [...inboxKeys.all, "messages"] as const,
  /** A conversation's messages (an infinite query, newest page first). */
  messages: (conversationId: string) => [...inboxKeys.threads(), conversationId] as const,
  /** The whole email behind an email message (bodies, addresses), fetched when it is opened. */
  messageEmail: (messageId: string) => [...inboxKeys.all, "message-email", messageId] as const,
  /** The sidebar's unread badge. */
  unreadCount: () => [...inboxKeys.all, "unread-count"] as const,
};
