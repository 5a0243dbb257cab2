"use client";

import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";

const MAX_REASON = 500;
const PRESETS = ["tone", "facts", "noReply", "human"] as const;

/**
 * Why a draft is rejected: the reason is stored with the task and feeds the agent's stats, so it
 * is required. A few common reasons are one click away.
 */
export function RejectDialog({ open, onOpenChange, leadName, manualReview, pending, error, onReject }: {
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
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) setReason("");
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 w-[min(30rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
          data-testid="reject-dialog"
        >
          <Dialog.Title className="text-base font-semibold">{manualReview ? t("reject.titleReview") : t("reject.title")}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {manualReview ? t("reject.descriptionReview") : t("reject.description", { name: leadName ?? t("unknownLead") })}
          </Dialog.Description>
          <Form
            className="mt-4 space-y-3"
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
                  className="rounded-full border border-zinc-300 px-2.5 py-1 text-xs hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {t(`reject.presets.${preset}`)}
                </button>
              ))}
            </div>
            <div className="space-y-1">
              <label htmlFor={id} className="block text-sm font-medium">
                {t("reject.reason")}
              </label>
              <textarea
                id={id}
                value={reason}
                autoFocus
                rows={3}
                maxLength={MAX_REASON + 100}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={trimmed.length > MAX_REASON || undefined}
                aria-describedby={`${id}-hint`}
                className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm focus:outline-2 focus:outline-orange-500 dark:border-zinc-700 dark:bg-zinc-900"
              />
              <p id={`${id}-hint`} className="flex justify-between text-xs text-zinc-500">
                <span>{t("reject.reasonHint")}</span>
                <span className={trimmed.length > MAX_REASON ? "font-medium text-red-600" : undefined}>
                  {trimmed.length} / {MAX_REASON}
                </span>
              </p>
            </div>
            {error && (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
                {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{tc("cancel")}</Button>
              </Dialog.Close>
              <SubmitButton variant="danger" disabled={!valid} loading={pending}>
                {manualReview ? t("reject.confirmReview") : t("reject.confirm")}
              </SubmitButton>
            </div>
          </Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
