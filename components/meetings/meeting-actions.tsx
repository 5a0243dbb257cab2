"use client";

import { useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { useRefreshLead } from "@/components/leads/hooks";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useRefreshMeetings } from "./hooks";
import { MeetingFormDialog } from "./meeting-form-dialog";
import { MeetingTextDialog } from "./meeting-text-dialog";
import type { MeetingRow } from "./types";

/**
 * A meeting entered by hand, for its owner or a manager (meeting.canChange): edit or
 * reschedule, mark a no-show once it has started (or clear it), cancel with a reason.
 * Calendly's meetings change in Calendly; these buttons are not offered for them.
 */
export function ManualMeetingActions({ meeting, onDone }: { meeting: MeetingRow; onDone: () => void }) {
  const t = useTranslations("meetings.actions");
  const describe = useErrorText();
  const refreshMeetings = useRefreshMeetings();
  const refreshLead = useRefreshLead();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useNow({ updateInterval: 60_000 });
  if (!meeting.canChange) return null;
  const started = new Date(meeting.startsAt).getTime() <= now.getTime();

  const toggleNoShow = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/meetings/${meeting.id}/no-show`, { body: { noShow: !meeting.noShow } });
      await Promise.all([refreshMeetings(), refreshLead(meeting.leadId)]);
      onDone();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center justify-end gap-1.5" role="group" aria-label={t("group")}>
      {!meeting.noShow && (
        <MeetingFormDialog
          meeting={meeting}
          onSaved={onDone}
          trigger={
            <Button size="sm" variant="ghost" data-testid="edit-meeting">
              {t("edit")}
            </Button>
          }
        />
      )}
      {started && (
        <Button size="sm" variant="ghost" loading={busy} onClick={toggleNoShow} data-testid="toggle-no-show">
          {meeting.noShow ? t("clearNoShow") : t("noShow")}
        </Button>
      )}
      <CancelMeetingDialog meeting={meeting} onDone={onDone} />
      {error && (
        <span role="alert" className="text-xs text-danger-text">
          {error}
        </span>
      )}
    </div>
  );
}

function CancelMeetingDialog({ meeting, onDone }: { meeting: MeetingRow; onDone: () => void }) {
  const t = useTranslations("meetings.actions");
  return (
    <MeetingTextDialog
      meeting={meeting}
      action="cancel"
      field="reason"
      trigger={
        <Button size="sm" variant="ghost" data-testid="cancel-meeting">
          {t("cancel")}
        </Button>
      }
      title={t("cancelTitle")}
      description={t("cancelDescription")}
      label={t("reason")}
      rows={2}
      maxLength={1000}
      dismissLabel={t("keep")}
      confirmLabel={t("confirmCancel")}
      confirmVariant="danger"
      confirmTestId="confirm-cancel-meeting"
      onDone={onDone}
    />
  );
}
