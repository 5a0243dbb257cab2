"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type RefObject } from "react";
import { ShortcutLegend, ShortcutsDialog } from "@/components/ui/shortcuts";
import { useErrorText } from "@/lib/client/use-error-text";
import { stepIndex, useShortcuts } from "@/lib/client/use-shortcuts";
import { useConversationList, useUpdateConversation } from "./hooks";
import { inboxKeys } from "./keys";
import type { ConversationData, ConversationPage } from "./types";

type Props = {
  listKey: string;
  initialKey: string;
  initialPage: ConversationPage | null;
  /** The open conversation (`?c=`). */
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The list pane, whose rows the cursor moves through. */
  listRef: RefObject<HTMLElement | null>;
  /** The open conversation's reply box. */
  replyRef: RefObject<HTMLTextAreaElement | null>;
};

const ROW = "a[data-conversation-id]";

/**
 * Keyboard triage in the inbox (the `keyboard-triage` beta, only rendered while it and the
 * user's keyboard shortcuts are on): j/k (and the arrows while a row has focus) move a cursor
 * through the list by focusing its rows, Enter or o opens the cursor's conversation, r goes to
 * the reply box, e closes the open conversation, ? lists the keys. Each result is read out.
 * Moving does not open: opening marks a thread read, and skimming should not.
 */
export function InboxTriage({ listKey, initialKey, initialPage, selectedId, onSelect, listRef, replyRef }: Props) {
  const t = useTranslations("inbox.triage");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  // The same query (same key) as the list pane: the rows the person sees, in their order.
  const rows = useConversationList(listKey, { key: initialKey, page: initialPage }).data?.conversations ?? [];
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [helpOpen, setHelpOpen] = useState(false);
  const close = useUpdateConversation(selectedId ?? "", {
    onError: (error) => setAnnouncement(t("announce.closeFailed", { message: describe(error) })),
  });

  const rowOf = (target: EventTarget | null) =>
    target instanceof Element && listRef.current?.contains(target) ? target.closest<HTMLElement>(ROW) : null;
  const listed = (id: string | null | undefined) => (id && rows.some((row) => row.id === id) ? id : null);
  /** The row focused now, else where the cursor was left, else the open conversation. */
  const cursor = () =>
    listed(rowOf(document.activeElement)?.dataset.conversationId) ?? listed(cursorId) ?? listed(selectedId);
  const openConversation = (): ConversationData | undefined =>
    selectedId ? queryClient.getQueryData<ConversationData>(inboxKeys.conversation(selectedId)) : undefined;

  const move = (delta: 1 | -1) => {
    const from = cursor();
    const index = stepIndex(
      rows.length,
      rows.findIndex((row) => row.id === from),
      delta,
    );
    const next = rows[index];
    if (!next) return false;
    setCursorId(next.id);
    listRef.current?.querySelector<HTMLElement>(`${ROW}[data-conversation-id="${CSS.escape(next.id)}"]`)?.focus();
    setAnnouncement(t("announce.moved", { name: next.leadName, position: index + 1, total: rows.length }));
  };
  const open = (id: string | null) => {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) return false;
    setCursorId(row.id);
    onSelect(row.id);
    setAnnouncement(t("announce.opened", { name: row.leadName }));
  };
  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    // The arrows are the list's own keys: elsewhere they scroll.
    arrowdown: (event) => (rowOf(event.target) ? move(1) : false),
    arrowup: (event) => (rowOf(event.target) ? move(-1) : false),
    // Enter is every focused control's own key: ours only on a row, or with nothing focused.
    enter: (event) => {
      const row = rowOf(event.target);
      if (row) return open(row.dataset.conversationId ?? null);
      return event.target === document.body ? open(cursor()) : false;
    },
    o: () => open(cursor()),
    r: () => {
      const conversation = openConversation();
      const reply = replyRef.current;
      if (!conversation || !reply || reply.disabled) return false;
      reply.focus();
      setAnnouncement(t("announce.replying", { name: conversation.leadName }));
    },
    e: () => {
      const conversation = openConversation();
      if (!conversation || conversation.status === "closed" || close.isPending) return false;
      setAnnouncement(t("announce.closing", { name: conversation.leadName }));
      close.mutate(
        { status: "closed" },
        { onSuccess: () => setAnnouncement(t("announce.closed", { name: conversation.leadName })) },
      );
    },
    "?": () => setHelpOpen(true),
  });

  return (
    <>
      <ShortcutLegend
        title={t("title")}
        keys={[
          ["j / k", t("move")],
          ["o", t("open")],
          ["r", t("reply")],
          ["e", t("close")],
        ]}
        helpLabel={t("help")}
        onShowAll={() => setHelpOpen(true)}
      />
      {/* Always in the page, so a change is read out: what the last key did. */}
      <p role="status" aria-live="polite" className="sr-only" data-testid="inbox-announcer">
        {announcement}
      </p>
      <ShortcutsDialog
        open={helpOpen}
        onOpenChange={setHelpOpen}
        title={t("helpTitle")}
        description={t("helpDescription")}
        closeLabel={t("closeDialog")}
        shortcuts={[
          { keys: ["j", "k", "↓", "↑"], label: t("moveLong") },
          { keys: ["Enter", "o"], label: t("openLong") },
          { keys: ["r"], label: t("replyLong") },
          { keys: ["e"], label: t("closeLong") },
          { keys: ["?"], label: t("helpLong") },
        ]}
      />
    </>
  );
}
