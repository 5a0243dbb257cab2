"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { ConversationList } from "./conversation-list";
import { inboxHref, listQuery, type ListKey } from "./query";
import { Thread } from "./thread";
import type { ConversationPage, InboxMember } from "./types";

type Props = {
  initialKey: string;
  initialPage: ConversationPage | null;
  members: InboxMember[];
  currentUserId: string;
  canAssignOthers: boolean;
};

export type Navigate = (changes: Partial<Record<ListKey, string | null>>, options?: { replace?: boolean; keepPosition?: boolean }) => void;

/**
 * Two panes on desktop (list | thread, plus the lead panel on wide screens), one on phones.
 * The URL owns the filters, the list position and the open thread (`?c=<id>`); changes use
 * the History API, so they need no server round trip and Back works.
 */
export function InboxView({ initialKey, initialPage, members, currentUserId, canAssignOthers }: Props) {
  const t = useTranslations("inbox");
  const searchParams = useSearchParams();
  const key = listQuery(searchParams);
  const selectedId = searchParams.get("c");

  const navigate: Navigate = (changes, { replace = false, keepPosition = false } = {}) => {
    const next = new URLSearchParams(key);
    if (!keepPosition) {
      next.delete("cursor");
      next.delete("direction");
    }
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    window.history[replace ? "replaceState" : "pushState"](null, "", inboxHref(listQuery(next), selectedId));
  };
  const select = (id: string | null) => window.history.pushState(null, "", inboxHref(key, id));

  return (
    <div
      data-wide
      data-testid="inbox"
      className="-m-4 flex h-[calc(100dvh-3.5rem)] overflow-hidden border-zinc-200 bg-white md:m-0 md:h-[calc(100dvh-7.5rem)] md:rounded-xl md:border md:shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <section
        aria-label={t("list")}
        className={cn("min-h-0 w-full flex-col border-zinc-200 md:flex md:w-72 md:shrink-0 md:border-e lg:w-80 2xl:w-96 dark:border-zinc-800", selectedId ? "hidden" : "flex")}
      >
        <ConversationList
          listKey={key}
          initialKey={initialKey}
          initialPage={initialPage}
          selectedId={selectedId}
          navigate={navigate}
          onSelect={select}
        />
      </section>
      <section aria-label={t("thread.messages")} className={cn("min-h-0 min-w-0 flex-1 flex-col md:flex", selectedId ? "flex" : "hidden")}>
        {selectedId ? (
          <Thread
            key={selectedId}
            id={selectedId}
            members={members}
            currentUserId={currentUserId}
            canAssignOthers={canAssignOthers}
            onBack={() => select(null)}
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
    <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-zinc-50 p-8 text-center dark:bg-zinc-950/40">
      <span className="flex size-14 items-center justify-center rounded-full bg-orange-100 text-orange-700 dark:bg-orange-950 dark:text-orange-300">
        <svg aria-hidden viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round">
          <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />
          <path d="M8.5 11h7M8.5 14.5h4" />
        </svg>
      </span>
      <div>
        <p className="font-medium text-zinc-900 dark:text-zinc-100">{t("noSelection")}</p>
        <p className="mt-1 text-sm text-zinc-500">{t("noSelectionHint")}</p>
      </div>
    </div>
  );
}
