"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAgentsOverview } from "@/components/agents/hooks";
import { ProviderBadge } from "@/components/approvals/findings";
import type { DraftOutcomeData } from "@/components/approvals/types";
import { RelativeTime } from "@/components/leads/relative-time";
import { renderDraftFailureDetail } from "@/lib/ai/failures";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useSwitchMode, useUpdateConversation } from "./hooks";
import type { ConversationData } from "./types";

/** GET /api/v1/conversations/[id] adds the draft waiting for approval, if any. */
export type PendingDraft = { taskId: string; draft: string; createdAt: string };
type WithDraft = ConversationData & { pendingDraft?: PendingDraft | null };

export const pendingDraftOf = (conversation: ConversationData): PendingDraft | null =>
  (conversation as WithDraft).pendingDraft ?? null;

/**
 * Who answers this thread: the AI agent (drafts wait for approval) or a person. "Take over"
 * silences the agent and supersedes its pending drafts; "Return to AI" hands the thread back.
 */
export function AiModeControls({
  conversation,
  canApprove,
  canChooseAgent,
}: {
  conversation: ConversationData;
  canApprove: boolean;
  canChooseAgent: boolean;
}) {
  const t = useTranslations("aiPanel");
  const describe = useErrorText();
  const id = conversation.id;
  const ai = conversation.mode === "ai";
  const pending = pendingDraftOf(conversation);
  const [error, setError] = useState<string | null>(null);

  const switchMode = useSwitchMode(id, { onMutate: () => setError(null), onError: (e) => setError(describe(e)) });

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="ai-panel" data-mode={conversation.mode}>
      <AgentSelect conversation={conversation} canChange={canChooseAgent} />
      <span
        data-testid="thread-mode"
        data-mode={conversation.mode}
        title={ai ? t("aiHint") : t("humanHint")}
        className={cn(
          "inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-xs font-medium ring-1 ring-inset",
          ai
            ? "bg-ai-surface text-ai-muted-foreground ring-ai-border"
            : "bg-surface-hover text-foreground-soft ring-border-strong",
        )}
      >
        <span className="text-muted-foreground">{t("mode")}</span>
        {ai ? t("modeAi") : t("modeHuman")}
      </span>
      {ai ? (
        <Button
          size="sm"
          variant="secondary"
          className="h-7 text-xs"
          loading={switchMode.isPending}
          onClick={() => switchMode.mutate("human")}
        >
          {t("takeOver")}
        </Button>
      ) : (
        <Button
          size="sm"
          variant="ghost"
          className="h-7 border border-ai-border text-xs text-ai-muted-foreground"
          loading={switchMode.isPending}
          onClick={() => switchMode.mutate("ai")}
        >
          {t("returnToAi")}
        </Button>
      )}
      {pending && (
        <span
          className="inline-flex h-7 items-center gap-1.5 rounded-md bg-warning-surface px-2 text-xs font-medium text-warning-muted-foreground ring-1 ring-warning-border ring-inset"
          data-testid="pending-draft"
          title={pending.draft}
        >
          <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-dot-warning" />
          {canApprove ? (
            <Link href={`/approvals?task=${pending.taskId}`} className="hover:underline">
              {t("draftWaiting")}
            </Link>
          ) : (
            <span>{t("draftWaitingRep")}</span>
          )}
          <span className="font-normal opacity-75">
            <RelativeTime date={pending.createdAt} />
          </span>
        </span>
      )}
      {error && (
        <span role="alert" className="text-xs text-danger-text">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Which agent answers this thread: "" follows the organization's default agent, or one of the
 * active agents by name. A chosen agent that was deactivated since stays selected (marked
 * inactive) while the default answers in its place, so nobody loses the choice by accident.
 */
function AgentSelect({ conversation, canChange }: { conversation: ConversationData; canChange: boolean }) {
  const t = useTranslations("conversationAgent");
  const describe = useErrorText();
  const id = conversation.id;
  const [error, setError] = useState<string | null>(null);
  // The agents page shares this query, so an agent edited there shows up here too.
  const agents = useAgentsOverview({ staleTime: 60_000 });
  const change = useUpdateConversation(id, {
    onMutate: () => setError(null),
    onError: (e) => setError(describe(e)),
    refreshLists: false,
  });

  const all = agents.data?.agents ?? [];
  const defaultAgent = all.find((a) => a.isDefault && a.active) ?? null;
  const chosen = conversation.agentId ? (all.find((a) => a.id === conversation.agentId) ?? null) : null;
  // The default agent appears once, as the "default" entry, unless the thread pinned it by id.
  const options = all.filter((a) => a.active && (!a.isDefault || a.id === conversation.agentId));
  const effective = conversation.agent;
  const fallsBack = Boolean(conversation.agentId && effective && effective.id !== conversation.agentId);
  const defaultLabel = defaultAgent
    ? t("defaultOption", { name: defaultAgent.name })
    : !agents.data && effective?.isDefault
      ? t("defaultOption", { name: effective.name })
      : t("noDefault");

  return (
    <>
      <label
        className={cn(
          "flex items-center gap-1 rounded-md border border-ai-border ps-2 text-xs",
          !effective && "border-warning-border",
        )}
        title={canChange ? (effective ? t("hint", { name: effective.name }) : t("noneHint")) : t("noPermission")}
      >
        <span className="text-muted-foreground">{t("label")}</span>
        <select
          value={conversation.agentId ?? ""}
          disabled={!canChange || change.isPending || agents.isPending}
          onChange={(e) => change.mutate({ agentId: e.target.value || null })}
          data-testid="conversation-agent"
          data-effective-agent={effective?.id ?? ""}
          aria-busy={change.isPending || agents.isPending}
          className="h-7 max-w-48 truncate rounded-md bg-transparent pe-1 text-xs font-medium focus:outline-2 focus:outline-ring disabled:cursor-not-allowed disabled:opacity-70"
        >
          <option value="">{defaultLabel}</option>
          {options.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          {conversation.agentId && !options.some((a) => a.id === conversation.agentId) && (
            // Deactivated since it was chosen, or (while the list loads) not known yet.
            <option value={conversation.agentId} disabled>
              {chosen
                ? t("inactiveOption", { name: chosen.name })
                : agents.isPending
                  ? t("loading")
                  : t("unknownOption")}
            </option>
          )}
        </select>
      </label>
      {fallsBack && effective && (
        <span className="text-xs text-warning-muted-foreground" data-testid="conversation-agent-fallback">
          {t("fallback", { name: effective.name })}
        </span>
      )}
      {!effective && (
        <span className="text-xs text-warning-muted-foreground" data-testid="conversation-agent-none">
          {t("none")}
        </span>
      )}
      {agents.isError && (
        <span role="alert" className="text-xs text-danger-text">
          {t("loadError")}
        </span>
      )}
      {error && (
        <span role="alert" className="text-xs text-danger-text">
          {error}
        </span>
      )}
    </>
  );
}

/**
 * In human mode: a draft on demand from the thread's agent, put into the reply box for the person
 * to edit and send. Asking stores nothing; only sending does.
 */
export function AiSuggestion({
  conversationId,
  composerEmpty,
  onUse,
}: {
  conversationId: string;
  composerEmpty: boolean;
  onUse: (text: string) => void;
}) {
  const t = useTranslations("aiPanel");
  const tApprovals = useTranslations("approvals");
  const describe = useErrorText();
  const [open, setOpen] = useState(false);
  const [placed, setPlaced] = useState(false);
  const suggest = useMutation({
    mutationFn: () =>
      api<{ outcome: DraftOutcomeData }>(`/api/v1/conversations/${conversationId}/suggest`, { method: "POST" }),
    onMutate: () => setPlaced(false),
    onSuccess: ({ outcome }) => {
      setOpen(true);
      // An empty reply box takes the suggestion at once; typed text is never overwritten without asking.
      if (outcome.ok && composerEmpty) {
        onUse(outcome.result.reply);
        setPlaced(true);
      }
    },
  });
  const outcome = suggest.data?.outcome;

  return (
    <section
      aria-label={t("suggestion.title")}
      className="border-t border-ai-border bg-ai-surface/60 px-3 py-2"
      data-testid="ai-suggestion"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold text-ai-muted-foreground">{t("suggestion.title")}</span>
        <span className="hidden text-xs text-ai-muted-foreground/80 sm:inline">{t("suggestion.hint")}</span>
        <Button
          size="sm"
          variant="secondary"
          className="ms-auto h-7 text-xs"
          loading={suggest.isPending}
          onClick={() => suggest.mutate()}
          data-testid="suggest-reply"
        >
          {outcome ? t("suggestion.again") : t("suggestion.ask")}
        </Button>
        {open && outcome && (
          <button
            type="button"
            onClick={() => setOpen(false)}
            className="rounded p-1 text-xs text-ai-muted-foreground hover:bg-ai-muted"
            aria-label={t("suggestion.hide")}
          >
            ✕
          </button>
        )}
      </div>
      {suggest.isError && (
        <p role="alert" className="mt-1 text-xs text-danger-text">
          {describe(suggest.error)}
        </p>
      )}
      {open && outcome && !outcome.ok && (
        <p role="alert" className="mt-1 text-xs text-warning-muted-foreground">
          {t("suggestion.failed", { detail: renderDraftFailureDetail(outcome.detail, tApprovals) })}
        </p>
      )}
      {open && outcome?.ok && (
        <div className="mt-2 space-y-1.5">
          {/* Once in the reply box, the text is shown there only. */}
          {!placed && (
            <p
              className="rounded-md border border-dashed border-ai-border bg-surface px-2.5 py-1.5 text-sm whitespace-pre-wrap"
              data-testid="suggestion-text"
            >
              {outcome.result.reply}
            </p>
          )}
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <ProviderBadge provider={outcome.provider} model={outcome.model} />
            {outcome.result.injection && (
              <span className="font-semibold text-danger-text">⚠ {t("suggestion.injection")}</span>
            )}
            {placed ? (
              <span role="status" className="text-ai-muted-foreground">
                {t("suggestion.placed")}
              </span>
            ) : (
              <Button
                size="sm"
                className="ms-auto h-7 text-xs"
                onClick={() => {
                  onUse(outcome.result.reply);
                  setPlaced(true);
                }}
              >
                {composerEmpty ? t("suggestion.use") : t("suggestion.replace")}
              </Button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
