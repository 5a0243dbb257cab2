"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { cn } from "@/components/ui/cn";
import { POSITION_KEYS } from "@/lib/client/url-view";
import { useUrlView, type UpdateOptions } from "@/lib/client/use-url-view";
import { useSessionState } from "@/lib/session-state/use-session-state";
import { BulkSelection } from "./bulk-selection";
import { ConversationList } from "./conversation-list";
import { LIST_KEYS, listQuery, type ListKey } from "./query";
import { Thread } from "./thread";
import { InboxTriage } from "./triage";
import type { ConversationPage, InboxMember } from "./types";

type Props = {
  initialKey: string;
  initialPage: ConversationPage | null;
  members: InboxMember[];
  currentUserId: string;
  canAssignOthers: boolean;
  /** The `compact-inbox` beta: one-line rows. */
  compact: boolean;
  /** The `keyboard-triage` beta, while the user's keyboard shortcuts are on. */
  triage: boolean;
};

export type Navigate = (changes: Partial<Record<ListKey, string | null>>, options?: UpdateOptions) => void;
/** The list's keys, then the open conversation. */
const VIEW_KEYS = [...LIST_KEYS, "c"] as const;

/**
 * Two panes on desktop (list | thread, plus the lead panel on wide screens), one on phones.
 * The URL owns the filters, the list position and the open thread (`?c=<id>`); changes use
 * the History API, so they need no server round trip and Back works.
 */
export function InboxView({
  initialKey,
  initialPage,
  members,
  currentUserId,
  canAssignOthers,
  compact,
  triage,
}: Props) {
  const t = useTranslations("inbox");
  const view = useUrlView({ keys: VIEW_KEYS, resets: POSITION_KEYS });
  const key = listQuery(view);
  const selectedId = view.get("c");
  const listRef = useRef<HTMLElement>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);

  const navigate: Navigate = (changes, options) => view.update(changes, options);
  const select = (id: string | null) => view.update({ c: id }, { keepPosition: true });
  // Where the user left off follows them (lib/session-state): the list's filters and the open thread.
  const filters = Object.fromEntries(
    LIST_KEYS.flatMap((k) => (!POSITION_KEYS.includes(k as never) && view.get(k) ? [[k, view.get(k)!]] : [])),
  );
  useSessionState({ currentContext: { page: "inbox", inbox: { filters, conversationId: selectedId } } });

  return (
    <div
      data-wide
      data-testid="inbox"
      className="-m-4 flex h-[calc(100dvh-3.5rem)] overflow-hidden border-border bg-surface md:m-0 md:h-[calc(100dvh-7.5rem)] md:rounded-xl md:border md:shadow-sm"
    >
      <section
        ref={listRef}
        aria-label={t("list")}
        className={cn(
          "min-h-0 w-full flex-col border-border md:flex md:w-72 md:shrink-0 md:border-e lg:w-80 2xl:w-96",
          selectedId ? "hidden" : "flex",
        )}
      >
        <BulkSelection members={members} currentUserId={currentUserId} canAssignOthers={canAssignOthers}>
          <ConversationList
            listKey={key}
            initialKey={initialKey}
            initialPage={initialPage}
            selectedId={selectedId}
            navigate={navigate}
            onSelect={select}
            compactRows={compact}
          />
        </BulkSelection>
        {triage && (
          <InboxTriage
            listKey={key}
            initialKey={initialKey}
            initialPage={initialPage}
            selectedId={selectedId}
            onSelect={select}
            listRef={listRef}
            replyRef={replyRef}
          />
        )}
      </section>
      <section
        aria-label={t("thread.messages")}
        className={cn("min-h-0 min-w-0 flex-1 flex-col md:flex", selectedId ? "flex" : "hidden")}
      >
        {selectedId ? (
          <Thread
            key={selectedId}
            id={selectedId}
            members={members}
            currentUserId={currentUserId}
            canAssignOthers={canAssignOthers}
            onBack={() => select(null)}
            replyRef={replyRef}
          />
        ) : (
          <NoSelection />
        )}
      </section>
    </div>
  );
}

function NoSelection() {
  const t = useTranslations("inbox");
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-surface-muted p-8 text-center">
      <span className="flex size-14 items-center justify-center rounded-full bg-primary-muted text-primary-text">
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          className="size-7"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.75}
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />
          <path d="M8.5 11h7M8.5 14.5h4" />
        </svg>
      </span>
      <div>
        <p className="font-medium text-foreground">{t("noSelection")}</p>
        <p className="mt-1 text-sm text-subtle-foreground">{t("noSelectionHint")}</p>
      </div>
    </div>
  );
}
