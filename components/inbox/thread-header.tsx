"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { LtrText, UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { mirrorInRtl } from "@/components/ui/directional-icon";
import { AiModeControls } from "./ai-panel";
import { Avatar } from "./conversation-list";
import { ChannelBadge } from "./channel-badge";
import { PanelToggles, type PanelToggleState } from "./panel-toggles";
import { StatusMenu } from "./status-menu";
import { ThreadMetrics, ThreadTags } from "./thread-handling";
import type { ConversationData, InboxMember } from "./types";
import type { useThread } from "./use-thread";

type Props = {
  detail: ConversationData;
  update: ReturnType<typeof useThread>["update"];
  members: InboxMember[];
  currentUserId: string;
  canAssignOthers: boolean;
  onBack: () => void;
  onOpenLead: () => void;
  /** The remembered panels' show/hide buttons (the AI one only where the panel exists). */
  panels: { lead: PanelToggleState; ai: PanelToggleState | null };
};

/** The thread's header: the lead and channel, close/reopen, status, assignee and who answers (AI or a person). */
export function ThreadHeader({
  detail,
  update,
  members,
  currentUserId,
  canAssignOthers,
  onBack,
  onOpenLead,
  panels,
}: Props) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const closed = detail.status === "closed";
  return (
    <header className="space-y-2 border-b border-border px-3 py-2.5 sm:px-4">
      <div className="flex items-center gap-2">
        <button
          type="button"
          onClick={onBack}
          className="-ms-1 rounded-md p-1.5 text-secondary-foreground hover:bg-muted md:hidden"
          aria-label={t("back")}
        >
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className={cn("size-5", mirrorInRtl)}
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="m15 18-6-6 6-6" />
          </svg>
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-semibold">
            <Link
              href={`/leads/${detail.leadId}`}
              className="hover:text-primary-text hover:underline"
              title={[t("thread.openLead", { name: detail.leadName }), detail.leadPhone].filter(Boolean).join(" · ")}
              data-testid="thread-lead-link"
            >
              <UserText>{detail.leadName}</UserText>
            </Link>
          </h2>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-subtle-foreground">
            <ChannelBadge medium={detail.medium} />
            <span className="truncate" data-testid="thread-channel">
              <UserText>{detail.channel.label}</UserText> · <LtrText>{detail.channel.address}</LtrText>
            </span>
            <ThreadMetrics conversationId={detail.id} />
          </p>
        </div>
        <Button
          size="sm"
          variant={closed ? "secondary" : "ghost"}
          className={cn(!closed && "border border-border-strong")}
          loading={update.isPending && update.variables?.status !== undefined}
          onClick={() => update.mutate({ status: closed ? "open" : "closed" })}
          data-testid="thread-close-toggle"
        >
          {closed ? t("thread.reopen") : t("thread.close")}
        </Button>
        <PanelToggles lead={panels.lead} ai={panels.ai} />
        <button
          type="button"
          onClick={onOpenLead}
          className="rounded-md p-1.5 text-secondary-foreground hover:bg-muted min-[1400px]:hidden"
          aria-label={t("thread.leadDetails")}
          title={t("thread.leadDetails")}
        >
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className={cn("size-5", mirrorInRtl)}
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
          >
            <rect x="3" y="4" width="18" height="16" rx="2" />
            <path d="M15 4v16" />
          </svg>
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <StatusMenu
          status={detail.status}
          disabled={update.isPending}
          onChange={(status) => update.mutate({ status })}
        />
        <label className="flex items-center gap-1.5 rounded-md border border-border-control ps-1.5 text-xs">
          <Avatar name={detail.assigneeName} />
          <span className="sr-only">{t("thread.assignee")}</span>
          <select
            value={detail.assigneeId ?? ""}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
            data-testid="thread-assignee"
            className="h-7 max-w-44 truncate rounded-md bg-transparent pe-1 text-xs font-medium focus:outline-2 focus:outline-ring"
          >
            <option value="">{t("thread.unassigned")}</option>
            {members.map((m) => (
              <option
                key={m.userId}
                value={m.userId}
                disabled={!canAssignOthers && m.userId !== currentUserId && m.userId !== detail.assigneeId}
              >
                {m.userId === currentUserId ? `${m.name} (${tc("you")})` : m.name}
              </option>
            ))}
          </select>
        </label>
        <AiModeControls
          conversation={detail}
          canApprove={canAssignOthers}
          // As the database decides (private.guard_conversation_agent): managers, or whoever the thread belongs to.
          canChooseAgent={canAssignOthers || detail.assigneeId === null || detail.assigneeId === currentUserId}
        />
        <ThreadTags conversation={detail} />
      </div>
    </header>
  );
}
