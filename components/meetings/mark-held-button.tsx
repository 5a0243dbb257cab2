"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api, ApiError } from "@/lib/client/api";
import { useRefreshLead } from "@/components/leads/hooks";
import { useRefreshMeetings } from "./hooks";
import type { MeetingRow } from "./types";

/**
 * "Mark as held" for a started, scheduled meeting the viewer owns or manages (the server
 * says which: meeting.canMarkHeld). Calendly never reports a held meeting; this counts it
 * for the lead's heat and timeline.
 */
export function MarkHeldButton({ meeting, onDone }: { meeting: MeetingRow; onDone: () => void }) {
  const t = useTranslations("meetingHeld");
  const refreshMeetings = useRefreshMeetings();
  const refreshLead = useRefreshLead();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!meeting.canMarkHeld) return null;

  const markHeld = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/meetings/${meeting.id}/held`, { method: "POST" });
      // The lead's heat and timeline moved too, wherever they are shown.
      await Promise.all([refreshMeetings(), refreshLead(meeting.leadId)]);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("failed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        loading={busy}
        onClick={markHeld}
        aria-label={t("markLabel", { title: meeting.title || t("untitled") })}
        data-testid="mark-held"
      >
        {t("mark")}
      </Button>
      {error && (
        <span role="alert" className="max-w-64 text-end text-xs text-danger-text">
          {error}
        </span>
      )}
    </div>
  );
}
