"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { MeetingTextDialog } from "./meeting-text-dialog";
import type { MeetingRow } from "./types";

/**
 * "Mark as held" for a started, scheduled meeting the viewer owns or manages (the server
 * says which: meeting.canMarkHeld), with an optional note of what came of it. Calendly never
 * reports a held meeting; this counts it for the lead's heat and timeline.
 */
export function MarkHeldButton({ meeting, onDone }: { meeting: MeetingRow; onDone: () => void }) {
  const t = useTranslations("meetingHeld");
  const tc = useTranslations("common");
  if (!meeting.canMarkHeld) return null;
  const title = meeting.title || t("untitled");
  return (
    <MeetingTextDialog
      meeting={meeting}
      action="held"
      field="note"
      trigger={
        <Button size="sm" variant="secondary" aria-label={t("markLabel", { title })} data-testid="mark-held">
          {t("mark")}
        </Button>
      }
      title={t("dialogTitle", { title })}
      description={t("dialogDescription")}
      label={t("note")}
      hint={t("noteHint")}
      rows={3}
      maxLength={2000}
      dismissLabel={tc("cancel")}
      confirmLabel={t("confirm")}
      confirmTestId="confirm-held"
      onDone={onDone}
    />
  );
}
