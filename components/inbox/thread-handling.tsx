"use client";

import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useWidgetFormat } from "@/components/dashboard/widgets/parts";
import { cn } from "@/components/ui/cn";
import { Menu, MenuCheckboxItem, MenuContent, MenuLabel, MenuTrigger } from "@/components/ui/menu";
import { useErrorText } from "@/lib/client/use-error-text";
import { useBulkAction, useConversationMetrics, useConversationTags } from "./handling-hooks";
import { TagChip, TagChips } from "./tag-chip";
import type { ConversationData } from "./types";

/**
 * The thread header's tags: the chips, and a menu to add or remove one. A change is the bulk
 * action with this one conversation, so it follows the same rules and leaves the same audit entry.
 */
export function ThreadTags({ conversation }: { conversation: ConversationData }) {
  const t = useTranslations("conversationHandling.tags");
  const tags = useConversationTags();
  const action = useBulkAction();
  const errorText = useErrorText();
  const current = new Set(conversation.tags.map((tag) => tag.id));
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1.5" data-testid="thread-tags">
      <TagChips tags={conversation.tags} />
      <Menu>
        <MenuTrigger asChild>
          <button
            type="button"
            data-testid="thread-tags-menu"
            aria-busy={action.isPending || undefined}
            className="inline-flex h-6 items-center gap-1 rounded-full border border-dashed border-border-strong px-2 text-[11px] font-medium text-muted-foreground hover:text-foreground"
          >
            <svg aria-hidden viewBox="0 0 24 24" className="size-3" fill="none" stroke="currentColor" strokeWidth={2.5}>
              <path d="M12 5v14M5 12h14" strokeLinecap="round" />
            </svg>
            {t("picker")}
          </button>
        </MenuTrigger>
        <MenuContent>
          {(tags.data ?? []).length === 0 && <MenuLabel className="max-w-56 pb-2">{t("pickerNone")}</MenuLabel>}
          {(tags.data ?? []).map((tag) => (
            <MenuCheckboxItem
              key={tag.id}
              checked={current.has(tag.id)}
              disabled={action.isPending}
              onCheckedChange={(checked) =>
                action.mutate({
                  action: checked ? "add_tags" : "remove_tags",
                  conversationIds: [conversation.id],
                  tagIds: [tag.id],
                })
              }
            >
              <TagChip tag={tag} />
            </MenuCheckboxItem>
          ))}
        </MenuContent>
      </Menu>
      {action.isError && (
        <span role="alert" className="text-xs text-danger-text">
          {t("error", { message: errorText(action.error) })}
        </span>
      )}
    </div>
  );
}

/** The thread's response metrics: a compact line, the details in a popover. */
export function ThreadMetrics({ conversationId, className }: { conversationId: string; className?: string }) {
  const t = useTranslations("conversationHandling.metrics");
  const format = useWidgetFormat();
  const metrics = useConversationMetrics(conversationId);
  const m = metrics.data;
  if (!m) return null;
  const waiting = m.waitingSeconds === null ? t("notWaiting") : format.duration(m.waitingSeconds);
  const rows: [string, string][] = [
    [t("firstResponse"), format.duration(m.firstResponseSeconds)],
    [t("avgResponse"), format.duration(m.avgResponseSeconds)],
    [t("aiShare"), `${format.percent(m.aiShare)} (${t("replies", { ai: m.aiReplies, human: m.humanReplies })})`],
    [t("takeovers"), format.count(m.takeovers)],
    [t("waiting"), waiting],
  ];
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          data-testid="thread-metrics"
          aria-label={t("label")}
          className={cn(
            "inline-flex items-center gap-1 rounded px-1 text-xs text-subtle-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
            className,
          )}
        >
          <svg aria-hidden viewBox="0 0 24 24" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={2}>
            <circle cx="12" cy="12" r="9" />
            <path d="M12 7v5l3 2" strokeLinecap="round" />
          </svg>
          {t("compact", { first: format.duration(m.firstResponseSeconds), waiting })}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          className="z-50 w-72 rounded-md border border-border bg-surface p-3 text-sm shadow-lg"
          data-testid="thread-metrics-details"
        >
          <p className="mb-2 font-medium">{t("label")}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-subtle-foreground">{label}</dt>
                <dd className="text-end tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
