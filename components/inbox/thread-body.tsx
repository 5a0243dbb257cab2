"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

import { MessageList } from "./message-list";
import type { useThread } from "./use-thread";
import { useErrorText } from "@/lib/client/use-error-text";

type ThreadState = ReturnType<typeof useThread>;

/** Under the header: the sandbox notice and a failed change's error (dismissable). */
export function ThreadBanners({
  sandbox,
  updateError,
  onDismiss,
}: {
  sandbox: boolean;
  updateError: string | null;
  onDismiss: () => void;
}) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  return (
    <>
      {sandbox && (
        <div
          className="flex items-center gap-2 border-b border-warning-border bg-warning-surface px-4 py-1.5 text-xs font-medium text-warning-muted-foreground"
          data-testid="sandbox-banner"
        >
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className="size-4 shrink-0"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
          >
            <path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3" />
          </svg>
          {t("thread.sandbox")}
        </div>
      )}
      {updateError && (
        <div
          role="alert"
          className="flex items-center justify-between gap-2 border-b border-danger-border bg-danger-surface px-4 py-1.5 text-xs text-danger-muted-foreground"
        >
          {t("thread.updateError", { message: updateError })}
          <button
            type="button"
            onClick={onDismiss}
            aria-label={tc("cancel")}
            className="rounded p-0.5 hover:bg-danger-muted"
          >
            ✕
          </button>
        </div>
      )}
    </>
  );
}

/** The messages, oldest first, with "load older" (keyset) and per-message retry; loading and error states. */
export function ThreadMessages({
  messages,
  retry,
  currentUserId,
}: Pick<ThreadState, "messages" | "retry"> & { currentUserId: string }) {
  const tc = useTranslations("common");
  const describe = useErrorText();
  if (messages.isError && !messages.data) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-2 p-6 text-center" role="alert">
        <p className="text-sm text-danger-text">{describe(messages.error)}</p>
        <Button size="sm" variant="secondary" onClick={() => void messages.refetch()}>
          {tc("retry")}
        </Button>
      </div>
    );
  }
  if (!messages.data) {
    return (
      <div className="flex flex-1 items-center justify-center bg-surface-muted">
        <Spinner label={tc("loading")} />
      </div>
    );
  }
  // Pages come newest first; each page is in time order.
  const allMessages = [...messages.data.pages].reverse().flatMap((page) => page.messages);
  return (
    <MessageList
      messages={allMessages}
      hasOlder={messages.hasNextPage}
      loadingOlder={messages.isFetchingNextPage}
      onLoadOlder={messages.loadMore}
      onRetry={(messageId) => retry.mutate(messageId)}
      retryingId={retry.isPending ? (retry.variables ?? null) : null}
      currentUserId={currentUserId}
    />
  );
}
