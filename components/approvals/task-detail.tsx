"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import { RelativeTime } from "@/components/leads/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { UserText } from "@/components/ui/bidi";
import { Button, buttonVariants } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { Input, Textarea } from "@/components/ui/input";
import { Kbd } from "@/components/ui/shortcuts";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api";
import { renderDraftFailureDetail } from "@/lib/ai/failures";
import { MAX_REPLY_LENGTH } from "@/lib/ai/types";
import { Disclosure } from "@/components/ui/disclosure";
import { useUiState } from "@/components/session-state/ui-state";
import { Findings, HeatChip, InjectionBadge, ProviderBadge, ThumbIcon } from "./findings";
import { useTaskFeedback } from "./hooks";
import { draftPayload, reviewPayload, type ApprovalDetail, type ApprovalTask, type ContextMessage } from "./types";

type Props = {
  task: ApprovalTask;
  detail: ApprovalDetail | undefined;
  detailError: string | null;
  onRetryDetail: () => void;
  canApprove: boolean;
  currentUserId: string;
  /** The edited text while editing (undefined: showing the draft as the agent wrote it). */
  editText: string | undefined;
  onEditStart: () => void;
  onEditChange: (text: string) => void;
  onEditCancel: () => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onApprove: () => void;
  onReject: () => void;
  approving: boolean;
  actionError: string | null;
};

/** The selected task: the conversation so far beside the draft, what the agent read out of it, and the decision. */
export function TaskDetail(props: Props) {
  const {
    task,
    detail,
    detailError,
    onRetryDetail,
    canApprove,
    editText,
    onEditStart,
    onEditChange,
    onEditCancel,
    textareaRef,
    onApprove,
    onReject,
    approving,
    actionError,
  } = props;
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const textareaId = useId();
  const ui = useUiState();
  const draft = draftPayload(task);
  const review = reviewPayload(task);
  const email = task.conversation?.email ?? null;
  const pending = task.status === "pending";
  const editing = editText !== undefined;
  const edited = editing && draft !== null && editText.trim() !== draft.draft.trim();
  const tooLong = editing && editText.length > MAX_REPLY_LENGTH;
  const empty = editing && editText.trim().length === 0;
  // The latest messages matter most: show the end of the conversation when it arrives.
  const contextRef = useRef<HTMLElement>(null);
  const messageCount = detail?.context.messages.length ?? 0;
  useEffect(() => {
    const pane = contextRef.current;
    if (pane && messageCount) pane.scrollTop = pane.scrollHeight;
  }, [messageCount]);

  return (
    <article
      className="flex min-h-0 flex-1 flex-col"
      data-testid="approval-detail"
      data-task-id={task.id}
      data-status={task.status}
      aria-labelledby={`${textareaId}-title`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border px-4 py-3">
        <h2 id={`${textareaId}-title`} className="min-w-0 truncate text-base font-semibold">
          {task.lead ? (
            <Link href={`/leads/${task.lead.id}`} className="hover:text-primary-text hover:underline">
              <UserText>{task.lead.name}</UserText>
            </Link>
          ) : (
            t("unknownLead")
          )}
        </h2>
        {task.lead && <HeatChip level={task.lead.heatLevel} />}
        {task.conversation && <Badge>{t(`channel.${task.conversation.channel}`)}</Badge>}
        <span className="text-xs text-subtle-foreground">
          {task.agent ? t("byAgent", { agent: task.agent.name }) : t("noAgent")} ·{" "}
          <RelativeTime date={task.createdAt} />
        </span>
        <span className="ms-auto flex items-center gap-2">
          {task.conversation && (
            <Link
              href={`/inbox?c=${task.conversation.id}`}
              className="text-xs font-medium text-primary-text hover:underline"
              data-testid="open-conversation"
            >
              {t("openConversation")}
            </Link>
          )}
        </span>
      </header>

      {/* Stacked and scrolled together on narrow screens; side by side, each scrolling, on wide ones. */}
      <div className="min-h-0 flex-1 overflow-y-auto xl:overflow-hidden">
        <div className="grid gap-0 xl:h-full xl:grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)]">
          {/* Conversation context */}
          <section
            ref={contextRef}
            aria-label={t("context.title")}
            // Scrolls on its own on wide screens: focusable, so the keyboard can scroll it too.
            tabIndex={0}
            className="border-b border-border bg-surface-muted p-4 xl:min-h-0 xl:overflow-y-auto xl:border-e xl:border-b-0"
          >
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-subtle-foreground uppercase">
              {t("context.title")}
            </h3>
            {detailError && !detail ? (
              <div role="alert" className="space-y-2 text-sm text-danger-text">
                <p>{detailError}</p>
                <Button size="sm" variant="secondary" onClick={onRetryDetail}>
                  {tc("retry")}
                </Button>
              </div>
            ) : !detail ? (
              <Spinner label={tc("loading")} />
            ) : detail.context.messages.length === 0 ? (
              <p className="text-sm text-subtle-foreground">{t("context.empty")}</p>
            ) : (
              <ContextMessages
                messages={detail.context.messages}
                highlight={draft?.inboundMessageId ?? review?.inboundMessageId ?? null}
              />
            )}
          </section>

          {/* The draft and the decision */}
          <section aria-label={t("draft.title")} className="space-y-4 p-4 xl:min-h-0 xl:overflow-y-auto">
            {task.conversation?.mode === "human" && pending && <Alert tone="warning">{t("humanMode")}</Alert>}
            {!pending && <DecisionSummary task={task} />}
            {actionError && (
              <Alert tone="error" className="whitespace-pre-line">
                <span data-testid="action-error">{actionError}</span>
              </Alert>
            )}

            {review && (
              <div className="space-y-2" data-testid="manual-review">
                <h3 className="text-sm font-semibold">{t("review.title")}</h3>
                <Alert tone="warning">
                  <p className="font-medium">
                    {t.has(`review.reasons.${review.reason}`) ? t(`review.reasons.${review.reason}`) : review.reason}
                  </p>
                  <p className="mt-1 text-xs">{renderDraftFailureDetail(review.detail, t)}</p>
                </Alert>
                <p className="text-xs text-subtle-foreground">{t("review.hint")}</p>
              </div>
            )}

            {draft && (
              <div className="space-y-2">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="text-sm font-semibold">
                    <label htmlFor={textareaId}>{email ? t("draft.titleEmail") : t("draft.title")}</label>
                  </h3>
                  <ProviderBadge provider={draft.provider} model={draft.model} />
                  {draft.injection && <InjectionBadge />}
                  {draft.template && (
                    <Badge tone="neutral">
                      <span data-testid="template-badge">{t("draft.template", { name: draft.template.name })}</span>
                    </Badge>
                  )}
                  {edited && (
                    <Badge tone="info">
                      <span data-testid="edited-badge">{t("draft.edited")}</span>
                    </Badge>
                  )}
                  {task.expiresAt && pending && (
                    <span className="ms-auto text-xs text-subtle-foreground">
                      {new Date(task.expiresAt) > now
                        ? t("draft.expires", { when: format.relativeTime(new Date(task.expiresAt), now) })
                        : t("draft.expiring")}
                    </span>
                  )}
                </div>
                {email && (
                  <div className="space-y-0.5" data-testid="draft-email">
                    <p className="text-sm">
                      <span className="font-medium">{t("draft.emailSubject")}</span>{" "}
                      <span data-testid="draft-email-subject">
                        <UserText>{email.subject}</UserText>
                      </span>
                    </p>
                    {pending && <p className="text-xs text-subtle-foreground">{t("draft.emailHint")}</p>}
                  </div>
                )}
                {draft.injection && (
                  <Alert tone="error">
                    <p>{t("injection.explain")}</p>
                    {draft.injectionQuote && (
                      <figure className="mt-2">
                        <figcaption className="text-xs font-semibold">{t("injection.quoted")}</figcaption>
                        <blockquote
                          dir="auto"
                          className="mt-1 border-s-2 border-current ps-2 italic"
                          data-testid="injection-quote"
                        >
                          {draft.injectionQuote}
                        </blockquote>
                      </figure>
                    )}
                  </Alert>
                )}
                {draft.template && pending && (
                  <p className="text-xs text-subtle-foreground">{t("draft.templateFixed")}</p>
                )}
                {editing && !draft.template ? (
                  <div className="space-y-1">
                    <Textarea
                      id={textareaId}
                      ref={textareaRef}
                      value={editText}
                      onChange={(e) => onEditChange(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === "Escape") {
                          e.preventDefault();
                          e.currentTarget.blur();
                        } else if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && !tooLong && !empty) {
                          e.preventDefault();
                          onApprove();
                        }
                      }}
                      rows={6}
                      aria-invalid={tooLong || empty || undefined}
                      data-testid="draft-editor"
                      className={cn(
                        "field-sizing-content min-h-32 resize-y rounded-lg shadow-none",
                        tooLong || empty ? "border-danger" : edited ? "border-info-text" : "border-border-control",
                      )}
                    />
                    <div className="flex items-center justify-between text-xs text-subtle-foreground">
                      <span>{empty ? t("draft.empty") : t("draft.editHint")}</span>
                      <span className={cn("tabular-nums", tooLong && "font-medium text-danger-text")}>
                        {editText.length} / {MAX_REPLY_LENGTH}
                      </span>
                    </div>
                  </div>
                ) : (
                  <p
                    id={textareaId}
                    className="rounded-lg border border-dashed border-primary-border bg-primary-surface/60 px-3 py-2 text-sm whitespace-pre-wrap"
                    data-testid="draft-text"
                    dir="auto"
                  >
                    {draft.draft}
                  </p>
                )}
                {pending && canApprove && (
                  <div className="flex flex-wrap items-center gap-2 pt-1">
                    <Button onClick={onApprove} loading={approving} disabled={tooLong || empty} data-testid="approve">
                      {t("actions.approve")}
                      <Kbd>a</Kbd>
                    </Button>
                    {draft.template ? null : editing ? (
                      <Button variant="secondary" onClick={onEditCancel} disabled={approving}>
                        {edited ? t("actions.revert") : t("actions.stopEditing")}
                      </Button>
                    ) : (
                      <Button variant="secondary" onClick={onEditStart} disabled={approving}>
                        {t("actions.edit")}
                        <Kbd>e</Kbd>
                      </Button>
                    )}
                    <Button variant="ghost" className="text-danger-text" onClick={onReject} disabled={approving}>
                      {t("actions.reject")}
                      <Kbd>r</Kbd>
                    </Button>
                  </div>
                )}
                {pending && !canApprove && <p className="text-xs text-subtle-foreground">{t("readOnly.detail")}</p>}
              </div>
            )}

            {review && pending && canApprove && (
              <div className="flex flex-wrap gap-2">
                {task.conversation && (
                  <Link href={`/inbox?c=${task.conversation.id}`} className={buttonVariants()}>
                    {t("review.reply")}
                  </Link>
                )}
                <Button variant="secondary" onClick={onReject}>
                  {t("review.close")}
                  <Kbd>r</Kbd>
                </Button>
              </div>
            )}

            {draft && (
              <Disclosure
                title={t("findings.title")}
                level={3}
                // Collapsed or not, as this device left it (lib/session-state), for every task.
                open={!ui.sectionCollapsed("approvals.findings")}
                onOpenChange={(open) => ui.setSectionCollapsed("approvals.findings", !open)}
                className="rounded-lg border border-border"
                headerClassName="px-3 py-2"
                contentClassName="border-t border-border p-3"
                data-testid="findings-section"
              >
                <Findings
                  bant={draft.bant}
                  intent={draft.intent}
                  heat={draft.heat}
                  confidence={draft.confidence}
                  injection={draft.injection}
                />
                {draft.usage && (
                  <p className="mt-2 text-xs text-subtle-foreground" data-testid="token-usage">
                    {t("findings.usage", {
                      prompt: draft.usage.promptTokens,
                      completion: draft.usage.completionTokens,
                    })}
                  </p>
                )}
              </Disclosure>
            )}

            {/* Remounted once the detail (with this person's stored feedback) has arrived. */}
            {draft && (
              <FeedbackBox
                key={`${task.id}:${detail ? "loaded" : "loading"}`}
                task={task}
                detail={detail}
                currentUserId={props.currentUserId}
              />
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

function ContextMessages({ messages, highlight }: { messages: ContextMessage[]; highlight: string | null }) {
  const t = useTranslations("approvals");
  return (
    <ol className="space-y-2" data-testid="context-messages">
      {messages.map((message) => {
        const inbound = message.direction === "inbound";
        return (
          <li key={message.id} className={cn("flex", inbound ? "justify-start" : "justify-end")}>
            <div
              className={cn(
                "max-w-[85%] rounded-2xl px-3 py-1.5 text-sm whitespace-pre-wrap shadow-xs",
                inbound
                  ? "rounded-es-sm bg-surface text-foreground"
                  : "rounded-ee-sm bg-primary text-primary-foreground",
                message.id === highlight && "ring-2 ring-ring ring-offset-1 ring-offset-surface",
              )}
              data-testid="context-message"
              data-direction={message.direction}
            >
              {message.id === highlight && (
                <span className="mb-0.5 block text-[10px] font-semibold tracking-wide text-primary-text uppercase">
                  {t("context.answering")}
                </span>
              )}
              <UserText>{message.body}</UserText>
              <span
                className={cn(
                  "mt-0.5 block text-[10px]",
                  inbound ? "text-subtle-foreground" : "text-primary-foreground",
                )}
              >
                <RelativeTime date={message.createdAt} />
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function DecisionSummary({ task }: { task: ApprovalTask }) {
  const t = useTranslations("approvals");
  const tone = task.status === "approved" ? "success" : task.status === "rejected" ? "error" : "warning";
  return (
    <Alert tone={tone === "error" ? "warning" : tone}>
      <p className="font-medium" data-testid="decision">
        {t(`statusLine.${task.status}`, { name: task.decidedBy?.name ?? t("someone") })}
        {task.decidedAt && (
          <>
            {" · "}
            <RelativeTime date={task.decidedAt} />
          </>
        )}
      </p>
      {task.decisionNote && <p className="mt-1 text-xs">{task.decisionNote}</p>}
    </Alert>
  );
}

/** Thumbs up/down and a comment per person: what trains our judgement of the agent. */
function FeedbackBox({
  task,
  detail,
  currentUserId,
}: {
  task: ApprovalTask;
  detail: ApprovalDetail | undefined;
  currentUserId: string;
}) {
  const t = useTranslations("approvals");
  const mine = detail?.feedback.find((f) => f.userId === currentUserId) ?? null;
  const [rating, setRating] = useState<"up" | "down" | null>(mine?.rating ?? null);
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [saved, setSaved] = useState(false);
  const commentId = useId();

  const save = useTaskFeedback(
    task.id,
    () => setSaved(false),
    () => setSaved(true),
  );
  const submit = (next: "up" | "down" | null = rating) => {
    if (!next) return;
    setRating(next);
    save.mutate({ rating: next, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  const others = (detail?.feedback ?? []).filter((f) => f.userId !== currentUserId);

  return (
    <section
      className="space-y-2 rounded-lg border border-border p-3"
      aria-label={t("feedback.title")}
      data-testid="feedback"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">{t("feedback.title")}</h3>
        <div className="flex gap-1" role="group" aria-label={t("feedback.rating")}>
          {(["up", "down"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={rating === value}
              aria-label={t(`feedback.${value}`)}
              title={t(`feedback.${value}`)}
              onClick={() => submit(value)}
              disabled={save.isPending}
              className={cn(
                "rounded-md border px-2 py-1 text-sm disabled:opacity-60",
                rating === value
                  ? value === "up"
                    ? "border-success bg-success-surface text-success-muted-foreground"
                    : "border-danger bg-danger-surface text-danger-muted-foreground"
                  : "border-border-strong hover:bg-surface-hover",
              )}
            >
              <ThumbIcon down={value === "down"} />
            </button>
          ))}
        </div>
        {others.length > 0 && (
          <span className="text-xs text-subtle-foreground">
            {t("feedback.others", {
              up: others.filter((f) => f.rating === "up").length,
              down: others.filter((f) => f.rating === "down").length,
            })}
          </span>
        )}
        {save.isPending && <Spinner className="size-3.5" />}
        {saved && !save.isPending && (
          <span role="status" className="text-xs text-success-text">
            {t("feedback.saved")}
          </span>
        )}
      </div>
      <Form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={commentId} className="sr-only">
          {t("feedback.comment")}
        </label>
        <Input
          size="sm"
          id={commentId}
          value={comment}
          maxLength={1000}
          onChange={(e) => {
            setComment(e.target.value);
            setSaved(false);
          }}
          placeholder={t("feedback.commentPlaceholder")}
          className="min-w-0 flex-1 shadow-none"
        />
        <SubmitButton size="sm" variant="secondary" disabled={!rating || save.isPending}>
          {t("feedback.save")}
        </SubmitButton>
      </Form>
      {!rating && <p className="text-xs text-subtle-foreground">{t("feedback.pickRating")}</p>}
      {save.isError && (
        <p role="alert" className="text-xs text-danger-text">
          {save.error instanceof ApiError ? save.error.message : String(save.error)}
        </p>
      )}
    </section>
  );
}
