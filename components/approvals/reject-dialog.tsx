"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Form, SubmitButton } from "@/components/ui/form";
import { Textarea } from "@/components/ui/input";

const MAX_REASON = 500;
const PRESETS = ["tone", "facts", "noReply", "human"] as const;

/**
 * Why a draft is rejected: the reason is stored with the task and feeds the agent's stats, so it
 * is required. A few common reasons are one click away.
 */
export function RejectDialog({
  open,
  onOpenChange,
  leadName,
  manualReview,
  pending,
  error,
  onReject,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  leadName: string | null;
  manualReview: boolean;
  pending: boolean;
  error: string | null;
  onReject: (reason: string) => void;
}) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const id = useId();
  const [reason, setReason] = useState("");
  const trimmed = reason.trim();
  const valid = trimmed.length > 0 && trimmed.length <= MAX_REASON;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setReason("");
        onOpenChange(next);
      }}
      title={manualReview ? t("reject.titleReview") : t("reject.title")}
      description={
        manualReview ? t("reject.descriptionReview") : t("reject.description", { name: leadName ?? t("unknownLead") })
      }
      className="w-[min(30rem,calc(100vw-2rem))]"
      data-testid="reject-dialog"
    >
      <Form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onReject(trimmed);
        }}
      >
        <div className="flex flex-wrap gap-1.5">
          {PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              onClick={() => setReason(t(`reject.presets.${preset}`))}
              className="rounded-full border border-border-strong px-2.5 py-1 text-xs hover:bg-surface-hover"
            >
              {t(`reject.presets.${preset}`)}
            </button>
          ))}
        </div>
        <div className="space-y-1">
          <label htmlFor={id} className="block text-sm font-medium">
            {t("reject.reason")}
          </label>
          <Textarea
            id={id}
            value={reason}
            autoFocus
            rows={3}
            maxLength={MAX_REASON + 100}
            onChange={(e) => setReason(e.target.value)}
            invalid={trimmed.length > MAX_REASON}
            aria-describedby={`${id}-hint`}
          />
          <p id={`${id}-hint`} className="flex justify-between text-xs text-subtle-foreground">
            <span>{t("reject.reasonHint")}</span>
            <span className={trimmed.length > MAX_REASON ? "font-medium text-danger-text" : undefined}>
              {trimmed.length} / {MAX_REASON}
            </span>
          </p>
        </div>
        {error && (
          <p
            role="alert"
            className="rounded-md border border-danger-border bg-danger-surface px-3 py-2 text-sm text-danger-muted-foreground"
          >
            {error}
          </p>
        )}
        <DialogActions cancelLabel={tc("cancel")}>
          <SubmitButton variant="danger" disabled={!valid} loading={pending}>
            {manualReview ? t("reject.confirmReview") : t("reject.confirm")}
          </SubmitButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
