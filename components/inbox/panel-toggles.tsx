"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { mirrorInRtl } from "@/components/ui/directional-icon";

export type PanelToggleState = { open: boolean; controls: string; onToggle: () => void };

/**
 * The thread header's show/hide buttons for the panels this device remembers open or closed
 * (lib/session-state): the AI suggestion panel (human mode only) and, on wide screens, the
 * lead panel beside the thread. Each names the panel it controls (aria-controls) and says
 * whether it shows (aria-expanded).
 */
export function PanelToggles({ lead, ai }: { lead: PanelToggleState; ai: PanelToggleState | null }) {
  const t = useTranslations("inbox");
  const tAi = useTranslations("aiPanel");
  return (
    <>
      {ai && (
        <ToggleButton state={ai} label={tAi("suggestion.title")} testId="toggle-ai-panel">
          <path d="M12 3l2 5 5 2-5 2-2 5-2-5-5-2 5-2z" />
        </ToggleButton>
      )}
      {/* Below 1400px the lead opens as a sheet instead (the header's other button). */}
      <ToggleButton
        state={lead}
        label={t("thread.leadDetails")}
        testId="toggle-lead-panel"
        className="hidden min-[1400px]:inline-flex"
        iconClassName={mirrorInRtl}
      >
        <rect x="3" y="4" width="18" height="16" rx="2" />
        <path d="M15 4v16" />
      </ToggleButton>
    </>
  );
}

function ToggleButton({
  state,
  label,
  testId,
  className,
  iconClassName,
  children,
}: {
  state: PanelToggleState;
  label: string;
  testId: string;
  className?: string;
  iconClassName?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={state.onToggle}
      aria-expanded={state.open}
      aria-controls={state.controls}
      aria-label={label}
      title={label}
      data-testid={testId}
      className={cn(
        "inline-flex rounded-md p-1.5 ring-1 ring-inset",
        state.open
          ? "bg-primary-surface text-primary-text ring-primary-border"
          : "text-secondary-foreground ring-transparent hover:bg-muted",
        className,
      )}
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className={cn("size-5", iconClassName)}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
      >
        {children}
      </svg>
    </button>
  );
}
