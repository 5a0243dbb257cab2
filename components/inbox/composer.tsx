"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { UpgradeLink } from "@/components/billing/upgrade-link";
import { isolate } from "@/components/ui/bidi";
import { Form, SubmitButton } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { mirrorInRtl } from "@/components/ui/directional-icon";
import { AttachButton, AttachmentTray, type ComposerAttachments } from "./composer-attachments";
import { MAX_MESSAGE_LENGTH } from "./types";

type Props = {
  medium: "sms" | "whatsapp" | "email";
  draft: string;
  onDraftChange: (value: string) => void;
  onSend: (body: string) => void;
  sending: boolean;
  error: string | null;
  /** The error is one paying or upgrading solves: it links to Settings → Billing. */
  errorOffersUpgrade?: boolean;
  /** Why replies cannot be sent right now (closed WhatsApp window, inactive number, bounced email address), if so. */
  blocked: { title: string; detail: string } | null;
  windowOpenUntil: string | null;
  /** An email thread's reply subject ("Re: …"), shown so the person knows which email they answer. */
  emailSubject?: string | null;
  sandbox: boolean;
  /** The reply box, for whoever focuses it from outside (the inbox's keyboard triage). */
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  /** Files held for the reply (./composer-attachments.tsx): picked or dropped, checked before upload. */
  attachments?: ComposerAttachments;
};

/** Enter sends, Shift+Enter breaks the line; the limit and the reason a reply is impossible are always visible. */
export function Composer({
  medium,
  draft,
  onDraftChange,
  onSend,
  sending,
  error,
  errorOffersUpgrade = false,
  blocked,
  windowOpenUntil,
  emailSubject,
  sandbox,
  textareaRef,
  attachments,
}: Props) {
  const t = useTranslations("inbox");
  const format = useFormatter();
  const id = useId();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const textarea = textareaRef ?? ownRef;
  const length = draft.length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const hasFiles = (attachments?.ready.length ?? 0) > 0;
  const canSend = !blocked && !sending && (draft.trim().length > 0 || hasFiles) && !tooLong && !attachments?.uploading;

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!canSend) return;
    onSend(draft.trim());
    textarea.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Form
      onSubmit={submit}
      className="border-t border-border p-3"
      data-testid="composer"
      onDragOver={(e) => {
        if (attachments && !blocked && e.dataTransfer.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!attachments || blocked || !e.dataTransfer.files.length) return;
        e.preventDefault();
        attachments.add(e.dataTransfer.files);
      }}
    >
      {blocked && (
        <div
          role="status"
          className="mb-2 flex gap-3 rounded-lg border border-warning-border bg-warning-surface p-3 text-sm text-warning-muted-foreground"
          data-testid="composer-blocked"
        >
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className="mt-0.5 size-5 shrink-0"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
          >
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          <div>
            <p className="font-medium">{blocked.title}</p>
            <p className="mt-0.5 text-warning-muted-foreground">{blocked.detail}</p>
          </div>
        </div>
      )}
      {error && !blocked && (
        <p
          role="alert"
          className="mb-2 rounded-md border border-danger-border bg-danger-surface px-3 py-2 text-sm text-danger-muted-foreground"
          data-testid="composer-error"
        >
          {error} {errorOffersUpgrade && <UpgradeLink />}
        </p>
      )}
      {attachments && <AttachmentTray attachments={attachments} />}
      {medium === "email" && emailSubject && (
        <p className="mb-1.5 truncate px-1 text-xs text-subtle-foreground" data-testid="composer-email-subject">
          {t("composer.emailSubject", { subject: isolate(emailSubject) })}
        </p>
      )}
      <div
        className={cn(
          "flex items-end gap-2 rounded-xl border bg-surface p-1.5 ps-3 shadow-xs focus-within:outline-2 focus-within:outline-ring",
          blocked && "cursor-not-allowed bg-surface-muted opacity-70",
          tooLong ? "border-danger" : "border-border-control",
        )}
      >
        <label htmlFor={id} className="sr-only">
          {t("composer.label")}
        </label>
        {attachments && <AttachButton attachments={attachments} disabled={Boolean(blocked)} />}
        <textarea
          ref={textarea}
          id={id}
          value={draft}
          onChange={(e) => onDraftChange(e.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          disabled={Boolean(blocked)}
          placeholder={
            medium === "whatsapp"
              ? t("composer.placeholderWhatsapp")
              : medium === "email"
                ? t("composer.placeholderEmail")
                : t("composer.placeholderSms")
          }
          title={t("composer.keyboardHint")}
          aria-invalid={tooLong || undefined}
          aria-describedby={`${id}-count`}
          data-testid="composer-input"
          className="field-sizing-content max-h-48 min-h-9 flex-1 resize-none bg-transparent py-1.5 text-sm placeholder:text-faint-foreground focus:outline-none disabled:cursor-not-allowed"
        />
        <SubmitButton
          size="sm"
          disabled={!canSend}
          loading={sending}
          className="h-9 shrink-0"
          data-testid="composer-send"
        >
          {sending ? t("composer.sending") : t("composer.send")}
          {!sending && (
            <svg
              aria-hidden
              viewBox="0 0 24 24"
              className={cn("size-4", mirrorInRtl)}
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d="M5 12h14M13 6l6 6-6 6" />
            </svg>
          )}
        </SubmitButton>
      </div>
      <div className="mt-1.5 flex items-center justify-between gap-3 px-1 text-xs text-subtle-foreground">
        <span className={cn("min-w-0 truncate", blocked && "invisible")}>
          {[
            sandbox ? t("composer.sandboxNote") : null,
            medium === "whatsapp" && windowOpenUntil
              ? t("composer.windowOpenUntil", {
                  time: format.dateTime(new Date(windowOpenUntil), { dateStyle: "short", timeStyle: "short" }),
                })
              : null,
          ]
            .filter(Boolean)
            .join(" · ")}
          <span className="hidden lg:inline">
            {sandbox || windowOpenUntil ? " · " : ""}
            {t("composer.keyboardHint")}
          </span>
        </span>
        <span
          id={`${id}-count`}
          className={cn("shrink-0 tabular-nums", tooLong && "font-medium text-danger-text")}
          data-testid="composer-count"
        >
          {tooLong
            ? t("composer.tooLong", { max: MAX_MESSAGE_LENGTH })
            : t("composer.count", { count: length, max: MAX_MESSAGE_LENGTH })}
          {medium === "sms" && length > 160 && !tooLong && (
            <span className="ms-2">{t("composer.segments", { count: smsSegments(draft) })}</span>
          )}
        </span>
      </div>
    </Form>
  );
}

/** GSM-7 fits 160 per message (153 when split); anything else is UCS-2, 70 (67). */
function smsSegments(text: string): number {
  const gsm = /^[\n\r\x20-\x7E£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€^{}\\[~\]|]*$/.test(text);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}
