"use client";

import { useId, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A section that shows and hides its content (the WAI-ARIA disclosure pattern): a button inside a
 * heading, with `aria-expanded` and `aria-controls` naming the content. Controlled, so the caller
 * can remember `open`. The content stays mounted while hidden (unlike Radix Collapsible), so what
 * was typed into it survives collapsing and `aria-controls` always points at something.
 */
export function Disclosure({
  title,
  open,
  onOpenChange,
  level = 2,
  aside,
  children,
  className,
  headerClassName,
  contentClassName,
  "data-testid": testId,
}: {
  title: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The heading level the button sits in. */
  level?: 2 | 3 | 4;
  /** Beside the button, shown open or closed (e.g. how many filters are active). */
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
  headerClassName?: string;
  contentClassName?: string;
  "data-testid"?: string;
}) {
  const contentId = useId();
  const Heading = `h${level}` as const;
  return (
    <section className={className} data-testid={testId} data-state={open ? "open" : "closed"}>
      <div className={cn("flex items-center gap-2", headerClassName)}>
        <Heading className="text-sm font-semibold">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={contentId}
            onClick={() => onOpenChange(!open)}
            className="inline-flex items-center gap-1.5 rounded-md py-0.5 pe-1 text-foreground-soft hover:text-foreground"
          >
            <svg
              aria-hidden
              viewBox="0 0 24 24"
              // Closed it points along the reading direction, open it points down.
              className={cn("size-4 shrink-0 transition-transform", open ? "rotate-90" : "rtl:-scale-x-100")}
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d="m9 6 6 6-6 6" />
            </svg>
            {title}
          </button>
        </Heading>
        {aside}
      </div>
      <div id={contentId} hidden={!open} className={contentClassName}>
        {children}
      </div>
    </section>
  );
}
