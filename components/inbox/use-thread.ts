"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { isBillingProblem } from "@/components/billing/upgrade-link";
import { problemCode } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import {
  useConversation,
  useMarkConversationRead,
  useMessages,
  useRetryMessage,
  useSendReply,
  useSetConversation,
  useUpdateConversation,
} from "./hooks";
import type { InboxMember, MessageData } from "./types";

function subscribeVisibility(listener: () => void) {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}
const useTabVisible = () =>
  useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "visible",
    () => false,
  );

/** One open conversation's data and the actions on it: read state, status/assignee changes, replies and retries. */
export function useThread(id: string, members: InboxMember[], currentUserId: string) {
  const describe = useErrorText();
  const conversation = useConversation(id);
  const messages = useMessages(id);
  const detail = conversation.data;
  const cache = useSetConversation();

  // Opening the thread (and any inbound message arriving while it is open and visible) clears
  // its unread count, where the server would: for its assignee, or anyone while unassigned.
  const visible = useTabVisible();
  const unread = detail?.unreadCount ?? 0;
  const mayClear = Boolean(detail) && (detail?.assigneeId === null || detail?.assigneeId === currentUserId);
  const { mutate: markRead } = useMarkConversationRead(id);
  useEffect(() => {
    if (mayClear && unread > 0 && visible) markRead();
  }, [mayClear, unread, visible, markRead]);

  const [updateError, setUpdateError] = useState<string | null>(null);
  const update = useUpdateConversation(id, {
    onMutate: () => setUpdateError(null),
    onError: (error) => setUpdateError(describe(error)),
  });

  const [draft, setDraft] = useState("");
  const [sendError, setSendErrorText] = useState<string | null>(null);
  /** The refusal is one paying or upgrading solves (read-only organization, paused number): the composer links to billing. */
  const [sendErrorIsBilling, setSendErrorIsBilling] = useState(false);
  const setSendError = (error: unknown) => {
    setSendErrorText(error === null ? null : describe(error));
    setSendErrorIsBilling(error !== null && isBillingProblem(error));
  };
  /** The server's own explanation when it refused a reply because the WhatsApp window closed. */
  const [windowRefusal, setWindowRefusal] = useState<string | null>(null);
  const me = members.find((m) => m.userId === currentUserId);
  const send = useSendReply(id, {
    onMutate: () => {
      setSendError(null);
      setDraft("");
    },
    optimistic: ({ body, attachments = [] }): MessageData => {
      const now = new Date().toISOString();
      return {
        id: `optimistic-${crypto.randomUUID()}`,
        conversationId: id,
        direction: "outbound",
        body,
        media: [],
        attachments,
        status: "queued",
        errorCode: null,
        errorMessage: null,
        provider: detail?.channel.provider ?? "sandbox",
        authorType: "user",
        authorId: currentUserId,
        authorName: me?.name ?? null,
        sandbox: false,
        createdAt: now,
        statusAt: now,
        optimistic: true,
      };
    },
    onError: (error, { body }) => {
      // Give the text back so nothing typed is lost.
      setDraft((current) => current || body);
      if (problemCode(error) === "whatsapp_window_closed") {
        setWindowRefusal(describe(error));
        cache.refresh(id);
      } else {
        setSendError(error);
      }
    },
  });
  const retry = useRetryMessage(id, {
    onMutate: () => setSendError(null),
    onError: (error) => setSendError(error),
  });
  const editDraft = (value: string) => {
    setDraft(value);
    if (sendError) setSendError(null);
  };

  return {
    conversation,
    messages,
    detail,
    update,
    updateError,
    setUpdateError,
    draft,
    setDraft,
    editDraft,
    send,
    sendError,
    sendErrorIsBilling,
    windowRefusal,
    retry,
  };
}
