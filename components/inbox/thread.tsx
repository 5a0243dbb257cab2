"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import Link from "next/link";
import { useNow, useTranslations } from "next-intl";
import { Dialog, DropdownMenu } from "radix-ui";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { api, ApiError, errorText, problemCode } from "@/lib/client/api";
import { ChannelBadge } from "./channel-badge";
import { Composer } from "./composer";
import { AiModeControls, AiSuggestion } from "./ai-panel";
import { Avatar } from "./conversation-list";
import { LeadPanel } from "./lead-panel";
import { MessageList } from "./message-list";
import type { ConversationData, ConversationPage, InboxMember, MessageData, MessagePage } from "./types";

type Props = {
  id: string;
  members: InboxMember[];
  currentUserId: string;
  canAssignOthers: boolean;
  onBack: () => void;
};

type Messages = InfiniteData<MessagePage, string | null>;
type ConversationChange = { status?: "open" | "pending" | "closed"; assigneeId?: string | null; mode?: "ai" | "human" };


function subscribeVisibility(listener: () => void) {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}
const useTabVisible = () => useSyncExternalStore(subscribeVisibility, () => document.visibilityState === "visible", () => false);

/** One conversation: header controls, the messages, the composer and the lead beside them. */
export function Thread({ id, members, currentUserId, canAssignOthers, onBack }: Props) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();

  const conversation = useQuery({
    queryKey: ["conversation", id],
    queryFn: async () => (await api<{ conversation: ConversationData }>(`/api/v1/conversations/${id}`)).conversation,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
  });
  const messages = useInfiniteQuery({
    queryKey: ["messages", id],
    queryFn: ({ pageParam }) => api<MessagePage>(`/api/v1/conversations/${id}/messages${pageParam ? `?before=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.olderCursor,
  });
  const detail = conversation.data;
  // The WhatsApp window can close while the thread is open.
  const now = useNow({ updateInterval: 30_000 });

  // ------------------------------------------------------------------ read state
  // Opening the thread (and any inbound message arriving while it is open and visible) clears
  // its unread count, where the server would: for its assignee, or anyone while unassigned.
  const visible = useTabVisible();
  const unread = detail?.unreadCount ?? 0;
  const mayClear = Boolean(detail) && (detail?.assigneeId === null || detail?.assigneeId === currentUserId);
  const { mutate: markRead } = useMutation({
    mutationFn: () => api(`/api/v1/conversations/${id}/read`, { method: "POST" }),
    onSuccess: () => {
      queryClient.setQueryData<ConversationData>(["conversation", id], (data) => (data ? { ...data, unreadCount: 0 } : data));
      queryClient.setQueriesData<ConversationPage>({ queryKey: ["conversations"] }, (page) =>
        page ? { ...page, conversations: page.conversations.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: ["inbox-unread"] });
    },
  });
  useEffect(() => {
    if (mayClear && unread > 0 && visible) markRead();
  }, [mayClear, unread, visible, markRead]);

  // ------------------------------------------------------------------ changes
  const [updateError, setUpdateError] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (changes: ConversationChange) => api<{ conversation: ConversationData }>(`/api/v1/conversations/${id}`, { method: "PATCH", body: changes }),
    onMutate: () => setUpdateError(null),
    onSuccess: ({ conversation: next }) => {
      queryClient.setQueryData(["conversation", id], next);
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
    },
    onError: (error) => setUpdateError(errorText(error)),
  });

  // ------------------------------------------------------------------ replies
  const [draft, setDraft] = useState("");
  const [sendError, setSendError] = useState<string | null>(null);
  /** The server's own explanation when it refused a reply because the WhatsApp window closed. */
  const [windowRefusal, setWindowRefusal] = useState<string | null>(null);
  const me = members.find((m) => m.userId === currentUserId);
  const send = useMutation({
    mutationFn: (body: string) => api<{ message: MessageData }>(`/api/v1/conversations/${id}/messages`, { body: { body } }),
    onMutate: async (body) => {
      setSendError(null);
      setDraft("");
      await queryClient.cancelQueries({ queryKey: ["messages", id] });
      const now = new Date().toISOString();
      const temp: MessageData = {
        id: `optimistic-${crypto.randomUUID()}`,
        conversationId: id,
        direction: "outbound",
        body,
        media: [],
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
      queryClient.setQueryData<Messages>(["messages", id], (data) =>
        data ? { ...data, pages: data.pages.map((page, i) => (i === 0 ? { ...page, messages: [...page.messages, temp] } : page)) } : data,
      );
      return { tempId: temp.id };
    },
    onSuccess: ({ message }, _body, context) => {
      queryClient.setQueryData<Messages>(["messages", id], (data) => {
        if (!data) return data;
        const known = data.pages.some((page) => page.messages.some((m) => m.id === message.id));
        return {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            messages: known ? page.messages.filter((m) => m.id !== context?.tempId) : page.messages.map((m) => (m.id === context?.tempId ? message : m)),
          })),
        };
      });
    },
    onError: (error, body, context) => {
      queryClient.setQueryData<Messages>(["messages", id], (data) =>
        data ? { ...data, pages: data.pages.map((page) => ({ ...page, messages: page.messages.filter((m) => m.id !== context?.tempId) })) } : data,
      );
      // Give the text back so nothing typed is lost.
      setDraft((current) => current || body);
      const code = problemCode(error);
      if (code === "whatsapp_window_closed") {
        setWindowRefusal(errorText(error));
        void queryClient.invalidateQueries({ queryKey: ["conversation", id] });
      } else {
        setSendError(errorText(error));
      }
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["messages", id] });
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
    },
  });
  const retry = useMutation({
    mutationFn: (messageId: string) => api(`/api/v1/messages/${messageId}/retry`, { method: "POST" }),
    onMutate: () => setSendError(null),
    onError: (error) => setSendError(errorText(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["messages", id] }),
  });

  const [panelOpen, setPanelOpen] = useState(false);

  if (conversation.isError && !detail) {
    const missing = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center" role="alert">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{missing ? t("notFound") : errorText(conversation.error)}</p>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={onBack}>
            ← {t("back")}
          </Button>
          {!missing && (
            <Button size="sm" variant="secondary" onClick={() => void conversation.refetch()}>
              {tc("retry")}
            </Button>
          )}
        </div>
      </div>
    );
  }
  if (!detail) {
    return (
      <div className="flex flex-1 items-center justify-center">
        <Spinner label={tc("loading")} />
      </div>
    );
  }

  const windowClosed = detail.medium === "whatsapp" && (!detail.windowOpenUntil || new Date(detail.windowOpenUntil) <= now);
  const blocked = !detail.channel.active
    ? { title: t("thread.channelInactiveTitle"), detail: t("thread.channelInactive") }
    : windowClosed || windowRefusal
      ? { title: t("composer.windowClosedTitle"), detail: windowRefusal ?? t("composer.windowClosed") }
      : null;
  const allMessages = [...(messages.data?.pages ?? [])].reverse().flatMap((page) => page.messages);
  const closed = detail.status === "closed";

  return (
    <div className="flex min-h-0 flex-1">
      <div className="flex min-h-0 min-w-0 flex-1 flex-col" data-testid="thread" data-conversation-id={id}>
        {/* Header */}
        <header className="space-y-2 border-b border-zinc-200 px-3 py-2.5 sm:px-4 dark:border-zinc-800">
          <div className="flex items-center gap-2">
            <button type="button" onClick={onBack} className="-ms-1 rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800" aria-label={t("back")}>
              <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
                <path d="m15 18-6-6 6-6" />
              </svg>
            </button>
            <div className="min-w-0 flex-1">
              <h2 className="truncate text-base font-semibold">
                <Link
                  href={`/leads/${detail.leadId}`}
                  className="hover:text-orange-700 hover:underline dark:hover:text-orange-400"
                  title={[t("thread.openLead", { name: detail.leadName }), detail.leadPhone].filter(Boolean).join(" · ")}
                  data-testid="thread-lead-link"
                >
                  {detail.leadName}
                </Link>
              </h2>
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500">
                <ChannelBadge medium={detail.medium} />
                <span className="truncate" data-testid="thread-channel">
                  {detail.channel.label} · {detail.channel.address}
                </span>
              </p>
            </div>
            <Button
              size="sm"
              variant={closed ? "secondary" : "ghost"}
              className={cn(!closed && "border border-zinc-300 dark:border-zinc-700")}
              loading={update.isPending && update.variables?.status !== undefined}
              onClick={() => update.mutate({ status: closed ? "open" : "closed" })}
              data-testid="thread-close-toggle"
            >
              {closed ? t("thread.reopen") : t("thread.close")}
            </Button>
            <button
              type="button"
              onClick={() => setPanelOpen(true)}
              className="rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100 min-[1400px]:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
              aria-label={t("thread.leadDetails")}
              title={t("thread.leadDetails")}
            >
              <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
                <rect x="3" y="4" width="18" height="16" rx="2" />
                <path d="M15 4v16" />
              </svg>
            </button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <StatusMenu status={detail.status} disabled={update.isPending} onChange={(status) => update.mutate({ status })} />
            <label className="flex items-center gap-1.5 rounded-md border border-zinc-300 ps-1.5 text-xs dark:border-zinc-700">
              <Avatar name={detail.assigneeName} />
              <span className="sr-only">{t("thread.assignee")}</span>
              <select
                value={detail.assigneeId ?? ""}
                disabled={update.isPending}
                onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
                data-testid="thread-assignee"
                className="h-7 max-w-44 truncate rounded-md bg-transparent pe-1 text-xs font-medium focus:outline-2 focus:outline-orange-500"
              >
                <option value="">{t("thread.unassigned")}</option>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId} disabled={!canAssignOthers && m.userId !== currentUserId && m.userId !== detail.assigneeId}>
                    {m.userId === currentUserId ? `${m.name} (${tc("you")})` : m.name}
                  </option>
                ))}
              </select>
            </label>
            <AiModeControls
              conversation={detail}
              canApprove={canAssignOthers}
              // As the database decides (private.guard_conversation_agent): managers, or whoever the thread belongs to.
              canChooseAgent={canAssignOthers || detail.assigneeId === null || detail.assigneeId === currentUserId}
            />
          </div>
        </header>
        {detail.channel.sandbox && (
          <div className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs font-medium text-amber-900 dark:border-amber-900 dark:bg-amber-950/70 dark:text-amber-100" data-testid="sandbox-banner">
            <svg aria-hidden viewBox="0 0 24 24" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
              <path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3" />
            </svg>
            {t("thread.sandbox")}
          </div>
        )}
        {updateError && (
          <div role="alert" className="flex items-center justify-between gap-2 border-b border-red-200 bg-red-50 px-4 py-1.5 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            {t("thread.updateError", { message: updateError })}
            <button type="button" onClick={() => setUpdateError(null)} aria-label={tc("cancel")} className="rounded p-0.5 hover:bg-red-100 dark:hover:bg-red-900">
              ✕
            </button>
          </div>
        )}

        {/* Messages */}
        {messages.isError && !messages.data ? (
          <div className="flex flex-1 flex-col items-center justify-center gap-2 p-6 text-center" role="alert">
            <p className="text-sm text-red-700 dark:text-red-300">{errorText(messages.error)}</p>
            <Button size="sm" variant="secondary" onClick={() => void messages.refetch()}>
              {tc("retry")}
            </Button>
          </div>
        ) : !messages.data ? (
          <div className="flex flex-1 items-center justify-center bg-zinc-50 dark:bg-zinc-950/40">
            <Spinner label={tc("loading")} />
          </div>
        ) : (
          <MessageList
            messages={allMessages}
            hasOlder={messages.hasNextPage}
            loadingOlder={messages.isFetchingNextPage}
            onLoadOlder={() => void messages.fetchNextPage()}
            onRetry={(messageId) => retry.mutate(messageId)}
            retryingId={retry.isPending ? (retry.variables ?? null) : null}
            currentUserId={currentUserId}
          />
        )}

        {detail.mode === "human" && <AiSuggestion conversationId={id} composerEmpty={!draft.trim()} onUse={setDraft} />}
        <Composer
          medium={detail.medium}
          draft={draft}
          onDraftChange={(value) => {
            setDraft(value);
            if (sendError) setSendError(null);
          }}
          onSend={(body) => send.mutate(body)}
          sending={send.isPending}
          error={sendError}
          blocked={blocked}
          windowOpenUntil={detail.windowOpenUntil}
          sandbox={detail.channel.sandbox}
        />
      </div>

      {/* Lead: beside the thread on wide screens, a sheet otherwise. */}
      <aside aria-label={t("lead.title")} className="hidden w-72 shrink-0 overflow-y-auto border-s border-zinc-200 min-[1400px]:block dark:border-zinc-800">
        <LeadPanel lead={detail.lead} />
      </aside>
      <Dialog.Root open={panelOpen} onOpenChange={setPanelOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
          <Dialog.Content className="fixed inset-y-0 end-0 z-50 w-80 max-w-[90vw] overflow-y-auto bg-white shadow-xl dark:bg-zinc-900">
            <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
              <Dialog.Title className="text-sm font-semibold">{t("thread.leadDetails")}</Dialog.Title>
              <Dialog.Close aria-label={t("thread.hideLeadDetails")} className="rounded-md p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
                  <path d="M6 6l12 12M18 6 6 18" />
                </svg>
              </Dialog.Close>
            </div>
            <Dialog.Description className="sr-only">{detail.leadName}</Dialog.Description>
            <LeadPanel lead={detail.lead} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}

const STATUS_DOT = { open: "bg-emerald-500", pending: "bg-amber-500", closed: "bg-zinc-400" } as const;

function StatusMenu({ status, disabled, onChange }: { status: "open" | "pending" | "closed"; disabled: boolean; onChange: (status: "open" | "pending" | "closed") => void }) {
  const t = useTranslations("inbox");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild disabled={disabled}>
        <button
          type="button"
          data-testid="thread-status"
          data-status={status}
          aria-label={`${t("thread.statusLabel")}: ${t(`status.${status}`)}`}
          className="inline-flex h-7 items-center gap-1.5 rounded-md border border-zinc-300 px-2 text-xs font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <span aria-hidden className={cn("size-2 rounded-full", STATUS_DOT[status])} />
          {t(`status.${status}`)}
          <svg aria-hidden viewBox="0 0 24 24" className="size-3.5 opacity-60" fill="none" stroke="currentColor" strokeWidth={2}>
            <path d="m7 10 5 5 5-5" />
          </svg>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={4} className="z-50 min-w-36 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <DropdownMenu.RadioGroup value={status} onValueChange={(value) => value !== status && onChange(value as typeof status)}>
            {(["open", "pending", "closed"] as const).map((s) => (
              <DropdownMenu.RadioItem
                key={s}
                value={s}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800"
              >
                <span aria-hidden className={cn("size-2 rounded-full", STATUS_DOT[s])} />
                <span className="flex-1">{t(`status.${s}`)}</span>
                <DropdownMenu.ItemIndicator className="text-orange-600">✓</DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
