"use client";

import { useTranslations } from "next-intl";
import { UserText } from "@/components/ui/bidi";
import { cn } from "@/components/ui/cn";
import type { MessageAttachment } from "@/lib/inbox/types";

/** Types the thread previews as images (what channels send and browsers render safely). */
const PREVIEWED = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

const contentUrl = (id: string) => `/api/v1/attachments/${id}/content`;

/**
 * A message's files from Kiln's own storage: images as previews (opening the full file),
 * anything else as a download link; an inbound file still being copied, or one that could
 * not be, says so.
 */
export function MessageAttachments({ attachments, spaced }: { attachments: MessageAttachment[]; spaced: boolean }) {
  const t = useTranslations("inbox.attachments");
  return (
    <ul className={cn("flex flex-wrap gap-1.5", spaced && "mt-2")} data-testid="message-attachments">
      {attachments.map((file) => (
        <li key={file.id} data-testid="message-attachment" data-status={file.status}>
          {file.status !== "stored" ? (
            <span className="inline-flex items-center gap-1.5 rounded-md border border-border-strong px-2 py-1 text-xs text-subtle-foreground">
              {file.status === "pending"
                ? t("fetching", { name: file.fileName })
                : t("unavailable", { name: file.fileName })}
            </span>
          ) : PREVIEWED.has(file.contentType) ? (
            <a href={contentUrl(file.id)} target="_blank" rel="noopener" className="block" title={file.fileName}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a member-only file behind our own route, not an optimizable asset */}
              <img
                src={contentUrl(file.id)}
                alt={file.fileName}
                loading="lazy"
                className="max-h-48 max-w-64 rounded-lg object-cover ring-1 ring-border"
              />
            </a>
          ) : (
            <a
              href={contentUrl(file.id)}
              download={file.fileName}
              className="inline-flex items-center gap-1.5 rounded-md border border-border-strong bg-surface/70 px-2 py-1 text-xs font-medium text-foreground-soft hover:bg-surface"
              aria-label={t("download", { name: file.fileName })}
              data-testid="attachment-download"
            >
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
                <path d="M12 4v11m0 0-4-4m4 4 4-4M5 20h14" />
              </svg>
              <UserText className="max-w-48 truncate">{file.fileName}</UserText>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
