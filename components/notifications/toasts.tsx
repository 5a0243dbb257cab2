"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

export type Toast = {
  id: string;
  title: string;
  message: string;
  href: string | null;
  tone: "success" | "info" | "warning" | "error";
};

const TONE: Record<Toast["tone"], string> = {
  success: "border-s-dot-success",
  info: "border-s-dot-info",
  warning: "border-s-dot-warning",
  error: "border-s-dot-danger",
};
const VISIBLE_MS = 6_000;
const MAX = 3;

/**
 * A small toast stack: a polite live region (screen readers hear new items without losing
 * focus), at most three at once, each dismissable and paused while hovered or focused.
 */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback(
    (toast: Toast) => setToasts((list) => [...list.filter((t) => t.id !== toast.id), toast].slice(-MAX)),
    [],
  );
  const dismiss = useCallback((id: string) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  return { toasts, push, dismiss };
}

export function ToastRegion({
  toasts,
  dismiss,
  onOpen,
}: {
  toasts: Toast[];
  dismiss: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations("notifications");
  return (
    <div
      role="region"
      aria-label={t("toasts")}
      className="pointer-events-none fixed end-4 bottom-4 z-[60] flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2"
    >
      <div aria-live="polite" aria-atomic="false" className="flex flex-col gap-2">
        {toasts.map((toast) => (
          <ToastCard key={toast.id} toast={toast} dismiss={dismiss} onOpen={onOpen} />
        ))}
      </div>
    </div>
  );
}

function ToastCard({
  toast,
  dismiss,
  onOpen,
}: {
  toast: Toast;
  dismiss: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations("notifications");
  const [paused, setPaused] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (paused) return;
    timer.current = window.setTimeout(() => dismiss(toast.id), VISIBLE_MS);
    return () => window.clearTimeout(timer.current);
  }, [paused, dismiss, toast.id]);
  return (
    <div
      role="status"
      data-testid="toast"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn(
        "pointer-events-auto rounded-md border border-s-4 border-border-strong bg-surface p-3 shadow-lg",
        TONE[toast.tone],
      )}
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          {toast.href ? (
            <Link
              href={toast.href}
              onClick={() => {
                onOpen(toast.id);
                dismiss(toast.id);
              }}
              className="block text-sm font-semibold hover:underline"
            >
              {toast.title}
            </Link>
          ) : (
            <p className="text-sm font-semibold">{toast.title}</p>
          )}
          {toast.message && <p className="line-clamp-2 text-sm text-muted-foreground">{toast.message}</p>}
        </div>
        <button
          type="button"
          onClick={() => dismiss(toast.id)}
          aria-label={t("dismiss")}
          className="rounded p-1 text-subtle-foreground hover:bg-muted"
        >
          ×
        </button>
      </div>
    </div>
  );
}
