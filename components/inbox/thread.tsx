"use client";

import { useNow, useTranslations } from "next-intl";
import { useId, useState, type RefObject } from "react";
import { useUiState } from "@/components/session-state/ui-state";
import { Button } from "@/components/ui/button";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { AiSuggestion } from "./ai-panel";
import { WindowTemplates } from "@/components/outreach/window-templates";
import { Composer } from "./composer";
import { mediaChannelOf, useComposerAttachments } from "./composer-attachments";
import { LeadSheet } from "./lead-sheet";
import { ThreadBanners, ThreadMessages } from "./thread-body";
import { ThreadHeader } from "./thread-header";
import { ThreadTasks } from "@/components/tasks/thread-tasks";
import type { InboxMember } from "./types";
import { useThread } from "./use-thread";

type Props = {
  id: string;
  members: InboxMember[];
  currentUserId: string;
  canAssignOthers: boolean;
  onBack: () => void;
  /** Given the reply box, for the inbox's keyboard triage (r). */
  replyRef?: RefObject<HTMLTextAreaElement | null>;
};

/** One conversation: header controls, the messages, the composer and the lead beside them. State and actions: ./use-thread.ts. */
export function Thread({ id, members, currentUserId, canAssignOthers, onBack, replyRef }: Props) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const thread = useThread(id, members, currentUserId);
  const { conversation, detail, draft } = thread;
  const files = useComposerAttachments(id, detail ? mediaChannelOf(detail) : null);
  // The WhatsApp window can close while the thread is open.
  const now = useNow({ updateInterval: 30_000 });
  const [panelOpen, setPanelOpen] = useState(false);
  // The lead panel (wide screens) and the AI suggestion panel stay as this device left them.
  const ui = useUiState();
  const leadPanelId = useId();
  const aiPanelId = useId();
  const leadPanelShown = ui.panelOpen("inbox.leadPanel");
  const aiPanelShown = ui.panelOpen("inbox.aiPanel");

  if (conversation.isError && !detail) {
    const missing = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center" role="alert">
        <p className="text-sm text-secondary-foreground">{missing ? t("notFound") : describe(conversation.error)}</p>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={onBack}>
            <DirectionalArrow to="back" /> {t("back")}
          </Button>
          {!missing && (
            <Button size="sm" variant="secondary" onClick={() => void conversation.refetch()}>
              {tc("retry")}
            </Button>
          )}
        </div>
      </div>
    );
  }
  if (!detail) {
    return (
      <div className="flex flex-1 items-center justify-center">
        <Spinner label={tc("loading")} />
      </div>
    );
  }

  const windowClosed =
    detail.medium === "whatsapp" && (!detail.windowOpenUntil || new Date(detail.windowOpenUntil) <= now);
  const blocked = !detail.channel.active
    ? { title: t("thread.channelInactiveTitle"), detail: t("thread.channelInactive") }
    : detail.email?.undeliverable
      ? { title: t("composer.emailUndeliverableTitle"), detail: t("composer.emailUndeliverable") }
      : windowClosed || thread.windowRefusal
        ? { title: t("composer.windowClosedTitle"), detail: thread.windowRefusal ?? t("composer.windowClosed") }
        : null;

  return (
    <div className="flex min-h-0 flex-1">
      <div className="flex min-h-0 min-w-0 flex-1 flex-col" data-testid="thread" data-conversation-id={id}>
        <ThreadHeader
          detail={detail}
          update={thread.update}
          members={members}
          currentUserId={currentUserId}
          canAssignOthers={canAssignOthers}
          onBack={onBack}
          onOpenLead={() => setPanelOpen(true)}
          panels={{
            lead: {
              open: leadPanelShown,
              controls: leadPanelId,
              onToggle: () => ui.setPanelOpen("inbox.leadPanel", !leadPanelShown),
            },
            ai:
              detail.mode === "human"
                ? {
                    open: aiPanelShown,
                    controls: aiPanelId,
                    onToggle: () => ui.setPanelOpen("inbox.aiPanel", !aiPanelShown),
                  }
                : null,
          }}
        />
        <ThreadBanners
          sandbox={detail.channel.sandbox}
          updateError={thread.updateError}
          onDismiss={() => thread.setUpdateError(null)}
        />
        <ThreadMessages messages={thread.messages} retry={thread.retry} currentUserId={currentUserId} />
        {detail.mode === "human" && (
          // Hidden, not unmounted: a suggestion already asked for is still there when shown again.
          <div id={aiPanelId} hidden={!aiPanelShown} data-testid="ai-suggestion-panel">
            <AiSuggestion conversationId={id} composerEmpty={!draft.trim()} onUse={thread.setDraft} />
          </div>
        )}
        <ThreadTasks conversationId={id} leadId={detail.leadId} />
        {windowClosed && detail.channel.active && <WindowTemplates conversationId={id} />}
        <Composer
          medium={detail.medium}
          draft={draft}
          onDraftChange={thread.editDraft}
          onSend={(body) => thread.send.mutate({ body, attachments: files.ready }, { onSuccess: files.clear })}
          attachments={files}
          sending={thread.send.isPending}
          error={thread.sendError}
          errorOffersUpgrade={thread.sendErrorIsBilling}
          blocked={blocked}
          windowOpenUntil={detail.windowOpenUntil}
          emailSubject={detail.email?.subject ?? null}
          sandbox={detail.channel.sandbox}
          textareaRef={replyRef}
        />
      </div>
      <LeadSheet
        detail={detail}
        open={panelOpen}
        onOpenChange={setPanelOpen}
        besideId={leadPanelId}
        besideShown={leadPanelShown}
      />
    </div>
  );
}
