"use client";

import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { cn } from "@/components/ui/cn";

type Status = "open" | "pending" | "closed";
const STATUS_DOT = { open: "bg-emerald-500", pending: "bg-amber-500", closed: "bg-zinc-400" } as const;

/** The thread's status as a menu: open, pending or closed. */
export function StatusMenu({ status, disabled, onChange }: { status: Status; disabled: boolean; onChange: (status: Status) => void }) {
  const t = useTranslations("inbox");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild disabled={disabled}>
        <button
          type="button"
          data-testid="thread-status"
          data-status={status}
          aria-label={`${t("thread.statusLabel")}: ${t(`status.${status}`)}`}
          className="inline-flex h-7 items-center gap-1.5 rounded-md border border-border-strong px-2 text-xs font-medium hover:bg-surface-hover disabled:opacity-60"
        >
          <span aria-hidden className={cn("size-2 rounded-full", STATUS_DOT[status])} />
          {t(`status.${status}`)}
          <svg aria-hidden viewBox="0 0 24 24" className="size-3.5 opacity-60" fill="none" stroke="currentColor" strokeWidth={2}>
            <path d="m7 10 5 5 5-5" />
          </svg>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={4} className="z-50 min-w-36 rounded-md border border-border bg-surface p-1 shadow-lg">
          <DropdownMenu.RadioGroup value={status} onValueChange={(value) => value !== status && onChange(value as Status)}>
            {(["open", "pending", "closed"] as const).map((s) => (
              <DropdownMenu.RadioItem
                key={s}
                value={s}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted"
              >
                <span aria-hidden className={cn("size-2 rounded-full", STATUS_DOT[s])} />
                <span className="flex-1">{t(`status.${s}`)}</span>
                <DropdownMenu.ItemIndicator className="text-primary-text">✓</DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
