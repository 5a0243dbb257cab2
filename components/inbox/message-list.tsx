"use client";

import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { Fragment, useLayoutEffect, useRef, useState } from "react";
import { UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { KILN_SEND_FAILURES } from "@/lib/inbox/types";
import { EmailFull } from "./email-full";
import { MessageAttachments } from "./message-attachments";
import type { MessageData } from "./types";

type Props = {
  messages: MessageData[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (id: string) => void;
  retryingId: string | null;
  currentUserId: string;
};

const dayKey = (date: Date, timeZone: string) => date.toLocaleDateString("en-CA", { timeZone });

/**
 * The thread, oldest first. Opens at the bottom; stays at the bottom as messages arrive
 * unless the reader scrolled up (then a "new messages" pill appears); keeps its place when
 * older messages load above.
 */
export function MessageList({
  messages,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onRetry,
  retryingId,
  currentUserId,
}: Props) {
  const t = useTranslations("inbox");
  const format = useFormatter();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstId?: string; lastId?: string; height: number } | null>(null);
  const [newBelow, setNewBelow] = useState(false);
  // The reader's zone from the server (lib/i18n/time-zone.ts), as every other date on the page.
  const timeZone = useTimeZone() ?? "UTC";
  const now = useNow({ updateInterval: 60_000 });

  const first = messages[0];
  const last = messages[messages.length - 1];
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    previous.current = { firstId: first?.id, lastId: last?.id, height: el.scrollHeight };
    if (!before?.lastId) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    if (last?.id === before.lastId) {
      // Older messages came in above: keep what the reader was looking at in place.
      if (first?.id !== before.firstId) el.scrollTop += el.scrollHeight - before.height;
      return;
    }
    if (atBottom.current || last?.direction === "outbound") {
      el.scrollTo({ top: el.scrollHeight });
      setNewBelow(false);
    } else {
      setNewBelow(true);
    }
  }, [first?.id, last?.id, last?.direction]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (atBottom.current) setNewBelow(false);
    if (el.scrollTop < 40 && hasOlder && !loadingOlder) onLoadOlder();
  };

  const today = dayKey(now, timeZone);
  const yesterday = dayKey(new Date(now.getTime() - 86_400_000), timeZone);
  const dayLabel = (date: Date) => {
    const key = dayKey(date, timeZone);
    if (key === today) return t("thread.today");
    if (key === yesterday) return t("thread.yesterday");
    return format.dateTime(date, { dateStyle: "medium", timeZone });
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={onScroll}
        // Focusable, so the thread scrolls by keyboard too (WCAG 2.1.1).
        tabIndex={0}
        role="region"
        aria-label={t("thread.messages")}
        className="h-full overflow-y-auto bg-surface-muted px-3 py-4 sm:px-6"
        data-testid="message-scroller"
      >
        <div className="mb-4 flex justify-center">
          {hasOlder ? (
            <Button size="sm" variant="secondary" onClick={onLoadOlder} loading={loadingOlder} data-testid="load-older">
              {t("thread.loadOlder")}
            </Button>
          ) : messages.length > 0 ? (
            <p className="text-xs text-subtle-foreground">{t("thread.beginning")}</p>
          ) : null}
        </div>
        {messages.length === 0 ? (
          <p className="py-12 text-center text-sm text-subtle-foreground">{t("thread.empty")}</p>
        ) : (
          <ol className="space-y-1.5" aria-label={t("thread.messages")} data-testid="messages">
            {messages.map((message, i) => {
              const at = new Date(message.createdAt);
              const prev = messages[i - 1];
              const newDay = !prev || dayKey(new Date(prev.createdAt), timeZone) !== dayKey(at, timeZone);
              // Consecutive messages from the same side within 5 minutes read as one group.
              const grouped =
                !newDay &&
                prev &&
                prev.direction === message.direction &&
                prev.authorId === message.authorId &&
                at.getTime() - new Date(prev.createdAt).getTime() < 300_000;
              return (
                <Fragment key={message.id}>
                  {newDay && (
                    <li className="flex items-center gap-3 py-3 text-xs font-medium text-subtle-foreground">
                      <span className="h-px flex-1 bg-border" />
                      {dayLabel(at)}
                      <span className="h-px flex-1 bg-border" />
                    </li>
                  )}
                  <MessageBubble
                    message={message}
                    grouped={Boolean(grouped)}
                    time={format.dateTime(at, { timeStyle: "short", timeZone })}
                    fullTime={format.dateTime(at, { dateStyle: "full", timeStyle: "medium", timeZone })}
                    mine={message.authorId === currentUserId}
                    onRetry={() => onRetry(message.id)}
                    retrying={retryingId === message.id}
                  />
                </Fragment>
              );
            })}
          </ol>
        )}
      </div>
      {newBelow && (
        <button
          type="button"
          onClick={() => {
            scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: "smooth" });
            setNewBelow(false);
          }}
          className="absolute inset-x-0 bottom-3 mx-auto w-fit rounded-full bg-primary px-3 py-1.5 text-xs font-medium text-primary-foreground shadow-lg hover:bg-primary-hover"
        >
          {t("thread.newMessages")} ↓
        </button>
      )}
    </div>
  );
}

function MessageBubble({
  message,
  grouped,
  time,
  fullTime,
  mine,
  onRetry,
  retrying,
}: {
  message: MessageData;
  grouped: boolean;
  time: string;
  fullTime: string;
  mine: boolean;
  onRetry: () => void;
  retrying: boolean;
}) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const outbound = message.direction === "outbound";
  const failed = message.status === "failed";
  const ownFailure = (KILN_SEND_FAILURES as readonly (string | null)[]).includes(message.errorCode);
  const author =
    message.authorType === "agent" ? (
      t("message.agent")
    ) : message.authorType === "system" ? (
      t("message.system")
    ) : message.authorName ? (
      <>
        <UserText>{message.authorName}</UserText>
        {mine ? ` (${tc("you")})` : ""}
      </>
    ) : null;
  return (
    <li
      className={cn("flex flex-col", outbound ? "items-end" : "items-start", !grouped && "pt-2")}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
      data-message-id={message.id}
    >
      {outbound && !grouped && author && (
        <span className="mb-0.5 px-1 text-[11px] font-medium text-subtle-foreground">{author}</span>
      )}
      <div
        className={cn(
          "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-xs ring-1 sm:max-w-[70%]",
          outbound
            ? "rounded-ee-md bg-primary-surface text-foreground ring-primary-border"
            : "rounded-es-md bg-surface text-foreground ring-border-strong",
          failed && "ring-danger-border",
          message.optimistic && "opacity-80",
        )}
      >
        {message.email && (
          <div className="mb-1 space-y-1" data-testid="message-email">
            {(message.email.autoReply || message.email.bounce || message.email.deletedInGmail) && (
              <div className="flex flex-wrap gap-1">
                {(message.email.autoReply || message.email.bounce) && (
                  <span
                    className="inline-flex rounded-full bg-warning-muted px-2 py-0.5 text-[11px] font-medium text-warning-muted-foreground"
                    data-testid="email-flag"
                  >
                    {message.email.bounce
                      ? message.email.bounceStatus
                        ? t("message.bounceStatus", { status: message.email.bounceStatus })
                        : t("message.bounce")
                      : t("message.autoReply")}
                  </span>
                )}
                {message.email.deletedInGmail && (
                  <span
                    className="inline-flex rounded-full bg-muted px-2 py-0.5 text-[11px] font-medium text-muted-foreground"
                    title={t("message.deletedInGmailHint")}
                    data-testid="deleted-in-gmail"
                  >
                    {t("message.deletedInGmail")}
                  </span>
                )}
              </div>
            )}
            {message.email.subject && (
              <p className="font-semibold break-words" data-testid="message-subject" dir="auto">
                {message.email.subject}
              </p>
            )}
          </div>
        )}
        {message.body && (
          <p className="break-words whitespace-pre-wrap" data-testid="message-body" dir="auto">
            {message.body}
          </p>
        )}
        {message.email && !message.optimistic && <EmailFull messageId={message.id} />}
        {message.attachments?.length > 0 && (
          <MessageAttachments attachments={message.attachments} spaced={Boolean(message.body)} />
        )}
        {/* The provider's own references, until (or unless) Kiln holds a copy. */}
        {message.media.length > 0 && !message.attachments?.length && (
          <ul className={cn("flex flex-wrap gap-1.5", message.body && "mt-2")}>
            {message.media.map((media, i) => (
              <li key={i}>
                <AttachmentChip media={media} />
              </li>
            ))}
          </ul>
        )}
        <div
          className={cn(
            "mt-1 flex items-center justify-end gap-1.5 text-[11px]",
            outbound ? "text-muted-foreground" : "text-muted-foreground",
          )}
        >
          {message.sandbox && (
            <span
              className="rounded bg-warning-muted px-1 py-px font-semibold tracking-wide text-warning-muted-foreground uppercase"
              title={t("message.sandboxHint")}
              data-testid="sandbox-tag"
            >
              {t("message.sandbox")}
            </span>
          )}
          <time dateTime={message.createdAt} title={fullTime}>
            {time}
          </time>
          {outbound && <StatusTicks status={message.optimistic ? "queued" : message.status} />}
        </div>
      </div>
      {failed && (
        <div
          role="alert"
          className="mt-1 flex max-w-[85%] flex-wrap items-center justify-end gap-2 text-xs text-danger-text sm:max-w-[70%]"
          data-testid="message-error"
        >
          <span>
            {t("message.failedReason", {
              reason: ownFailure
                ? t(`message.failures.${message.errorCode}`)
                : message.errorMessage || t("message.unknownError"),
            })}
            {message.errorCode && (
              <span className="ms-1 font-mono text-danger-text/80">
                ({t("message.errorCode", { code: message.errorCode })})
              </span>
            )}
          </span>
          <Button
            size="sm"
            variant="secondary"
            className="h-7 px-2 text-xs"
            onClick={onRetry}
            loading={retrying}
            data-testid="retry-message"
          >
            {t("message.retry")}
          </Button>
        </div>
      )}
    </li>
  );
}

/** Queued: clock. Sent: ✓. Delivered: ✓✓. Read: ✓✓ in blue. Failed: red "!". */
export function StatusTicks({ status }: { status: MessageData["status"] }) {
  const t = useTranslations("inbox");
  const label = t(`message.status.${status}`);
  const common = { role: "img" as const, "aria-label": label, "data-testid": "message-status", "data-status": status };
  if (status === "queued") {
    return (
      <span {...common} title={label} className="inline-flex">
        <svg
          aria-hidden
          viewBox="0 0 16 16"
          className="size-3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinecap="round"
        >
          <circle cx="8" cy="8" r="6" />
          <path d="M8 4.5V8l2.2 1.5" />
        </svg>
      </span>
    );
  }
  if (status === "failed") {
    return (
      <span {...common} title={label} className="inline-flex text-danger-text">
        <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
          <path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm-.8 3.5.2 5h1.2l.2-5zM8 10.6a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8z" />
        </svg>
      </span>
    );
  }
  const double = status === "delivered" || status === "read";
  return (
    <span {...common} title={label} className={cn("inline-flex", status === "read" && "text-info-text")}>
      <svg
        aria-hidden
        viewBox="0 0 18 16"
        className="h-3.5 w-4"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={double ? "m1.5 8.5 3 3 6.5-7.5" : "m3.5 8.5 3 3 6.5-7.5"} />
        {double && <path d="m8 11.5 6.5-7.5" />}
      </svg>
    </span>
  );
}

function AttachmentChip({ media }: { media: MessageData["media"][number] }) {
  const t = useTranslations("inbox");
  const kind = media.contentType?.split("/")[0];
  const label = media.caption || media.contentType || t("message.attachment");
  const content = (
    <>
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-3.5 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {kind === "image" ? (
          <>
            <rect x="3" y="4" width="18" height="16" rx="2" />
            <circle cx="9" cy="10" r="2" />
            <path d="m21 17-5-5-9 8" />
          </>
        ) : (
          <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />
        )}
      </svg>
      <span className="max-w-48 truncate">{label}</span>
    </>
  );
  const chip =
    "inline-flex items-center gap-1.5 rounded-md border border-border-strong bg-surface/70 px-2 py-1 text-xs font-medium text-foreground-soft";
  return media.url ? (
    <a
      href={media.url}
      target="_blank"
      rel="noreferrer noopener"
      className={cn(chip, "hover:bg-surface")}
      data-testid="attachment"
    >
      {content}
    </a>
  ) : (
    <span className={chip} data-testid="attachment">
      {content}
    </span>
  );
}
