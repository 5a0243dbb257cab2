"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { approvalKeys } from "@/components/approvals/keys";
import { useRefreshAgents } from "@/components/agents/hooks";
import { api, ApiError } from "@/lib/client/api";
import { useKeysetList, type KeysetPages } from "@/lib/client/keyset";
import { inboxKeys } from "./keys";
import type { ConversationData, ConversationPage, MessageData, MessagePage } from "./types";

type Messages = KeysetPages<MessagePage>;
export type ConversationChange = {
  status?: "open" | "pending" | "closed";
  assigneeId?: string | null;
  mode?: "ai" | "human";
  agentId?: string | null;
};

/** One view of the conversation list (its canonical query string); the server's first page seeds it. */
export function useConversationList(listKey: string, initial: { key: string; page: ConversationPage | null }) {
  return useQuery({
    queryKey: inboxKeys.list(listKey),
    queryFn: () => api<ConversationPage>(`/api/v1/conversations${listKey ? `?${listKey}` : ""}`),
    initialData: listKey === initial.key && initial.page ? initial.page : undefined,
    placeholderData: keepPreviousData,
  });
}

/** The sidebar's badge; live events invalidate it, so it follows new messages without polling. */
export function useInboxUnreadCount() {
  return useQuery({
    queryKey: inboxKeys.unreadCount(),
    queryFn: () => api<{ count: number }>("/api/v1/conversations/unread-count"),
    staleTime: 30_000,
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: inboxKeys.conversation(id),
    queryFn: async () => (await api<{ conversation: ConversationData }>(`/api/v1/conversations/${id}`)).conversation,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
  });
}

/** A thread's messages, newest page first; "load older" follows the keyset cursor. */
export function useMessages(id: string) {
  return useKeysetList({
    queryKey: inboxKeys.messages(id),
    fetchPage: (cursor) =>
      api<MessagePage>(`/api/v1/conversations/${id}/messages${cursor ? `?before=${encodeURIComponent(cursor)}` : ""}`),
    nextCursor: (page) => page.olderCursor,
    items: (page) => page.messages,
  });
}

/** Writes a conversation the server returned into its cache entry (and optionally refreshes the list). */
export function useSetConversation() {
  const queryClient = useQueryClient();
  return {
    set: (id: string, next: ConversationData) => queryClient.setQueryData(inboxKeys.conversation(id), next),
    patch: <T extends ConversationData>(id: string, change: (data: T) => T) =>
      queryClient.setQueryData<T>(inboxKeys.conversation(id), (data) => (data ? change(data) : data)),
    refresh: (id: string) => void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(id) }),
    refreshLists: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
  };
}

/** Clears a thread's unread count here, in every cached list and on the sidebar's badge. */
export function useMarkConversationRead(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/api/v1/conversations/${id}/read`, { method: "POST" }),
    onSuccess: () => {
      queryClient.setQueryData<ConversationData>(inboxKeys.conversation(id), (data) =>
        data ? { ...data, unreadCount: 0 } : data,
      );
      queryClient.setQueriesData<ConversationPage>({ queryKey: inboxKeys.lists() }, (page) =>
        page
          ? { ...page, conversations: page.conversations.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c)) }
          : page,
      );
      void queryClient.invalidateQueries({ queryKey: inboxKeys.unreadCount() });
    },
  });
}

/** Status, assignee or agent of a thread (PATCH); the answer replaces the cached conversation. */
export function useUpdateConversation(
  id: string,
  {
    onMutate,
    onError,
    refreshLists = true,
  }: { onMutate?: () => void; onError?: (error: Error) => void; refreshLists?: boolean } = {},
) {
  const conversation = useSetConversation();
  const refreshAgents = useRefreshAgents();
  return useMutation({
    mutationFn: (changes: ConversationChange) =>
      api<{ conversation: ConversationData }>(`/api/v1/conversations/${id}`, { method: "PATCH", body: changes }),
    onMutate,
    onSuccess: ({ conversation: next }, changes) => {
      conversation.set(id, next);
      if (refreshLists) conversation.refreshLists();
      // An agent's thread count changes with the threads it answers.
      if ("agentId" in changes) void refreshAgents();
    },
    onError,
  });
}

/** "Take over" / "Return to AI": the mode changes at once; pending drafts are superseded, so the approvals queue re-reads too. */
export function useSwitchMode(
  id: string,
  { onMutate, onError }: { onMutate: () => void; onError: (error: Error) => void },
) {
  const queryClient = useQueryClient();
  const conversation = useSetConversation();
  type WithDraft = ConversationData & { pendingDraft?: unknown };
  return useMutation({
    mutationFn: (to: "human" | "ai") =>
      api<{ conversation: Partial<ConversationData> }>(
        `/api/v1/conversations/${id}/${to === "human" ? "takeover" : "return-to-ai"}`,
        { method: "POST" },
      ),
    onMutate,
    onSuccess: (result, to) => {
      conversation.patch<WithDraft>(id, (data) => ({
        ...data,
        mode: result.conversation?.mode ?? to,
        ...(to === "human" ? { pendingDraft: null } : {}),
      }));
      conversation.refresh(id);
      conversation.refreshLists();
      void queryClient.invalidateQueries({ queryKey: approvalKeys.tasks() });
    },
    onError,
  });
}

/** A reply: its text and the uploaded files sent with it. */
export type ReplyInput = { body: string; attachments?: MessageData["attachments"] };

/**
 * Sends a reply, shown at once (optimistic) and replaced by the server's message. On failure the
 * message leaves the thread and `onError` gets the text back.
 */
export function useSendReply(
  id: string,
  {
    optimistic,
    onMutate,
    onError,
  }: {
    optimistic: (reply: ReplyInput) => MessageData;
    onMutate: (reply: ReplyInput) => void;
    onError: (error: Error, reply: ReplyInput) => void;
  },
) {
  const queryClient = useQueryClient();
  const key = inboxKeys.messages(id);
  return useMutation({
    mutationFn: ({ body, attachments = [] }: ReplyInput) =>
      api<{ message: MessageData }>(`/api/v1/conversations/${id}/messages`, {
        body: { body, attachmentIds: attachments.map((a) => a.id) },
      }),
    onMutate: async (reply) => {
      onMutate(reply);
      await queryClient.cancelQueries({ queryKey: key });
      const temp = optimistic(reply);
      queryClient.setQueryData<Messages>(key, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page, i) => (i === 0 ? { ...page, messages: [...page.messages, temp] } : page)),
            }
          : data,
      );
      return { tempId: temp.id };
    },
    onSuccess: ({ message }, _reply, context) => {
      queryClient.setQueryData<Messages>(key, (data) => {
        if (!data) return data;
        const known = data.pages.some((page) => page.messages.some((m) => m.id === message.id));
        return {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            messages: known
              ? page.messages.filter((m) => m.id !== context?.tempId)
              : page.messages.map((m) => (m.id === context?.tempId ? message : m)),
          })),
        };
      });
    },
    onError: (error, reply, context) => {
      queryClient.setQueryData<Messages>(key, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                messages: page.messages.filter((m) => m.id !== context?.tempId),
              })),
            }
          : data,
      );
      onError(error, reply);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    },
  });
}

export function useRetryMessage(
  id: string,
  { onMutate, onError }: { onMutate: () => void; onError: (error: Error) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api(`/api/v1/messages/${messageId}/retry`, { method: "POST" }),
    onMutate,
    onError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.messages(id) }),
  });
}
