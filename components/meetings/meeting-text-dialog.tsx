"use client";

import { useState, type ReactNode } from "react";
import { useRefreshLead } from "@/components/leads/hooks";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { TextareaField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useRefreshMeetings } from "./hooks";
import type { MeetingRow } from "./types";

/**
 * A change to a meeting that carries one optional text (marked held with an outcome note,
 * cancelled with a reason): asks for the text, posts it, then refreshes the meetings and the
 * lead, whose heat and timeline move with it.
 */
export function MeetingTextDialog({
  meeting,
  action,
  field,
  trigger,
  title,
  description,
  label,
  hint,
  rows,
  maxLength,
  dismissLabel,
  confirmLabel,
  confirmVariant = "primary",
  confirmTestId,
  onDone,
}: {
  meeting: MeetingRow;
  action: "held" | "cancel";
  field: "note" | "reason";
  trigger: ReactNode;
  title: string;
  description: string;
  label: string;
  hint?: string;
  rows: number;
  maxLength: number;
  dismissLabel: string;
  confirmLabel: string;
  confirmVariant?: "primary" | "danger";
  confirmTestId: string;
  onDone: () => void;
}) {
  const describe = useErrorText();
  const refreshMeetings = useRefreshMeetings();
  const refreshLead = useRefreshLead();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/meetings/${meeting.id}/${action}`, { body: { [field]: text } });
      await Promise.all([refreshMeetings(), refreshLead(meeting.leadId)]);
      setOpen(false);
      onDone();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setText("");
          setError(null);
        }
      }}
      trigger={trigger}
      title={title}
      description={description}
      size="sm"
    >
      <div className="space-y-3">
        {error && <Alert tone="error">{error}</Alert>}
        <TextareaField
          label={label}
          hint={hint}
          rows={rows}
          maxLength={maxLength}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <DialogActions cancelLabel={dismissLabel}>
          <Button variant={confirmVariant} loading={busy} onClick={confirm} data-testid={confirmTestId}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
