"use client";

import { useTranslations } from "next-intl";
import { Sheet } from "@/components/ui/sheet";
import { LeadPanel } from "./lead-panel";
import type { ConversationData } from "./types";

/**
 * The thread's lead: beside the thread on wide screens (unless hidden there with the header's
 * toggle, remembered per device), a sheet opened from the header otherwise.
 */
export function LeadSheet({
  detail,
  open,
  onOpenChange,
  besideId,
  besideShown,
}: {
  detail: ConversationData;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The id the wide-screen toggle controls, and whether the panel beside the thread shows. */
  besideId: string;
  besideShown: boolean;
}) {
  const t = useTranslations("inbox");
  return (
    <>
      <aside
        id={besideId}
        hidden={!besideShown}
        aria-label={t("lead.title")}
        className="hidden w-72 shrink-0 overflow-y-auto border-s border-border min-[1400px]:block"
      >
        <LeadPanel lead={detail.lead} />
      </aside>
      <Sheet
        open={open}
        onOpenChange={onOpenChange}
        side="end"
        className="w-80 max-w-[90vw]"
        title={t("thread.leadDetails")}
        description={detail.leadName}
        descriptionHidden
        closeButton={
          <button type="button" aria-label={t("thread.hideLeadDetails")} className="rounded-md p-1 hover:bg-muted">
            <svg
              aria-hidden
              viewBox="0 0 24 24"
              className="size-4"
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinecap="round"
            >
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>
        }
      >
        {/* The panel brings its own padding. */}
        <div className="-mx-4 -mt-4">
          <LeadPanel lead={detail.lead} />
        </div>
      </Sheet>
    </>
  );
}
