"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { UserText } from "@/components/ui/bidi";
import { declaredType, mediaLimits, screenFiles, typeNames, type MediaChannel } from "@/lib/channels/media-limits";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { MessageAttachment } from "@/lib/inbox/types";
import type { ConversationData } from "./types";

type Held = {
  key: string;
  name: string;
  size: number;
  state: "uploading" | "ready" | "failed";
  attachment?: MessageAttachment;
  error?: string;
};

export type ComposerAttachments = ReturnType<typeof useComposerAttachments>;

/** The channel a thread's files go out on, for its limits. */
export function mediaChannelOf(detail: ConversationData): MediaChannel | null {
  if (detail.medium === "email") return { provider: "email", medium: "email", address: detail.channel.address };
  // A phone thread on a mailbox cannot exist (the channels' check constraint); nothing to attach if it did.
  if (detail.channel.provider === "email") return null;
  return { provider: detail.channel.provider, medium: detail.medium, address: detail.channel.address };
}

/**
 * The files a rep holds for the next reply: checked against the channel's limits in the
 * browser (lib/channels/media-limits.ts) before anything is uploaded, then uploaded one by
 * one (POST /api/v1/attachments); the reply sends the ready ones' ids.
 */
export function useComposerAttachments(conversationId: string, channel: MediaChannel | null) {
  const tp = useTranslations("problems");
  const describe = useErrorText();
  const [held, setHeld] = useState<Held[]>([]);
  const limits = useMemo(
    () => (channel ? mediaLimits(channel) : null),
    // The limits follow the channel's values, not the object's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [channel?.provider, channel?.medium, channel?.address],
  );
  const update = (key: string, change: Partial<Held>) =>
    setHeld((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (files: Iterable<File>) => {
    if (!limits || !channel) return;
    // Screened as the server will take them (a CSV Windows calls an Excel file is a CSV).
    const list = [...files].map((file) => ({
      file,
      name: file.name,
      size: file.size,
      type: declaredType(file.name, file.type),
    }));
    const heldSizes = held.filter((item) => item.state !== "failed").map((item) => item.size);
    const { accepted, refused } = screenFiles(limits, channel.medium, heldSizes, list);
    const entries: Held[] = [
      ...refused.map(({ file, refusal }) => ({
        key: crypto.randomUUID(),
        name: file.name,
        size: file.size,
        state: "failed" as const,
        error: tp(refusal.key, refusal.values),
      })),
      ...accepted.map((file) => ({
        key: crypto.randomUUID(),
        name: file.name,
        size: file.size,
        state: "uploading" as const,
      })),
    ];
    setHeld((items) => [...items, ...entries]);
    accepted.forEach((file, i) => {
      const key = entries[refused.length + i]!.key;
      const body = new FormData();
      body.append("conversationId", conversationId);
      body.append("file", file.file);
      api<{ attachment: MessageAttachment }>("/api/v1/attachments", { body }).then(
        ({ attachment }) => update(key, { state: "ready", attachment }),
        (error: unknown) => update(key, { state: "failed", error: describe(error) }),
      );
    });
  };

  const remove = (key: string) => setHeld((items) => items.filter((item) => item.key !== key));
  const clear = useCallback(() => setHeld([]), []);
  const ready = held.flatMap((item) => (item.state === "ready" && item.attachment ? [item.attachment] : []));
  return {
    held,
    ready,
    add,
    remove,
    clear,
    uploading: held.some((item) => item.state === "uploading"),
    limits,
    medium: channel?.medium ?? "sms",
  };
}

/** The paperclip: a file picker that accepts only the channel's types; off (with the reason) where files cannot go. */
export function AttachButton({ attachments, disabled }: { attachments: ComposerAttachments; disabled: boolean }) {
  const t = useTranslations("inbox.attachments");
  const input = useRef<HTMLInputElement>(null);
  const limits = attachments.limits;
  const supported = Boolean(limits?.maxFiles);
  const label = !limits
    ? t("attach")
    : supported
      ? t("attachTypes", { types: typeNames(limits) })
      : t("notSupported", { medium: attachments.medium === "sms" ? "SMS" : "WhatsApp" });
  return (
    <>
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        accept={limits ? Object.keys(limits.types).join(",") : undefined}
        multiple={(limits?.maxFiles ?? 0) > 1}
        onChange={(e) => {
          if (e.target.files) attachments.add(e.target.files);
          e.target.value = "";
        }}
        data-testid="attach-input"
      />
      <Button
        variant="ghost"
        size="icon"
        className="h-9 shrink-0"
        aria-label={label}
        title={label}
        disabled={disabled || !supported}
        onClick={() => input.current?.click()}
        data-testid="attach-button"
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />
        </svg>
      </Button>
    </>
  );
}

/** The held files above the reply box: name, size, progress, a refusal in words, and a way to drop each. */
export function AttachmentTray({ attachments }: { attachments: ComposerAttachments }) {
  const t = useTranslations("inbox.attachments");
  const format = useFormatter();
  if (!attachments.held.length) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-1.5" aria-label={t("pending")} data-testid="attachment-tray">
      {attachments.held.map((item) => (
        <li
          key={item.key}
          className={cn(
            "inline-flex max-w-full items-center gap-1.5 rounded-md border px-2 py-1 text-xs",
            item.state === "failed"
              ? "border-danger-border bg-danger-surface text-danger-muted-foreground"
              : "border-border-strong bg-surface text-foreground-soft",
          )}
          data-testid="held-attachment"
          data-state={item.state}
        >
          {item.state === "uploading" && (
            <>
              <Spinner className="size-3" />
              <span className="sr-only">{t("uploading")}</span>
            </>
          )}
          {item.state === "failed" ? (
            <span role="alert">{t("failed", { name: item.name, reason: item.error ?? "" })}</span>
          ) : (
            <>
              <UserText className="max-w-48 truncate font-medium">{item.name}</UserText>
              <span className="tabular-nums text-subtle-foreground">
                {format.number(item.size / 1024 / 1024, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 })}
              </span>
            </>
          )}
          <button
            type="button"
            onClick={() => attachments.remove(item.key)}
            className="rounded p-0.5 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
            aria-label={t("remove", { name: item.name })}
          >
            <svg aria-hidden viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth={2}>
              <path d="m4 4 8 8M12 4l-8 8" />
            </svg>
          </button>
        </li>
      ))}
    </ul>
  );
}
