"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Menu, MenuContent, MenuRadioGroup, MenuRadioItem, MenuTrigger } from "@/components/ui/menu";

type Status = "open" | "pending" | "closed";
const STATUS_DOT = { open: "bg-dot-success", pending: "bg-dot-warning", closed: "bg-dot-neutral" } as const;

/** The thread's status as a menu: open, pending or closed. */
export function StatusMenu({
  status,
  disabled,
  onChange,
}: {
  status: Status;
  disabled: boolean;
  onChange: (status: Status) => void;
}) {
  const t = useTranslations("inbox");
  return (
    <Menu>
      <MenuTrigger asChild disabled={disabled}>
        <button
          type="button"
          data-testid="thread-status"
          data-status={status}
          aria-label={`${t("thread.statusLabel")}: ${t(`status.${status}`)}`}
          className="inline-flex h-7 items-center gap-1.5 rounded-md border border-border-strong px-2 text-xs font-medium hover:bg-surface-hover disabled:opacity-60"
        >
          <span aria-hidden className={cn("size-2 rounded-full", STATUS_DOT[status])} />
          {t(`status.${status}`)}
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className="size-3.5 opacity-60"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
          >
            <path d="m7 10 5 5 5-5" />
          </svg>
        </button>
      </MenuTrigger>
      <MenuContent className="min-w-36">
        <MenuRadioGroup value={status} onValueChange={(value) => value !== status && onChange(value as Status)}>
          {(["open", "pending", "closed"] as const).map((s) => (
            <MenuRadioItem key={s} value={s}>
              <span aria-hidden className={cn("size-2 rounded-full", STATUS_DOT[s])} />
              <span className="flex-1">{t(`status.${s}`)}</span>
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
      </MenuContent>
    </Menu>
  );
}
