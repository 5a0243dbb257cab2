"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useAgentsOverview } from "@/components/agents/hooks";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuTrigger } from "@/components/ui/menu";
import { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { CONVERSATION_STATUSES } from "@/lib/inbox/types";
import type { BulkConversationAction } from "@/lib/inbox/schema";
import { useBulkAction, useConversationTags } from "./handling-hooks";
import { TagChip } from "./tag-chip";
import type { ConversationRow, InboxMember } from "./types";

type Selection = {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  set: (ids: string[]) => void;
  members: InboxMember[];
  currentUserId: string;
  canAssignOthers: boolean;
};

const SelectionContext = createContext<Selection | null>(null);

/** The inbox list's selection for bulk actions; the list's rows and toolbar read it. */
export function BulkSelection({
  members,
  currentUserId,
  canAssignOthers,
  children,
}: Omit<Selection, "selected" | "toggle" | "set"> & { children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const value = useMemo<Selection>(
    () => ({
      selected,
      toggle: (id, on) =>
        setSelected((current) => {
          const next = new Set(current);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      set: (ids) => setSelected(new Set(ids)),
      members,
      currentUserId,
      canAssignOthers,
    }),
    [selected, members, currentUserId, canAssignOthers],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** A row's tick box (outside the row's link: a control inside a link is unreachable). */
export function SelectCheckbox({ id, lead }: { id: string; lead: string }) {
  const t = useTranslations("conversationHandling.bulk");
  const selection = useContext(SelectionContext);
  if (!selection) return null;
  return (
    <span className="flex shrink-0 items-start ps-3 pt-3.5">
      <Checkbox
        aria-label={t("select", { lead })}
        data-testid="conversation-select"
        checked={selection.selected.has(id)}
        onChange={(e) => selection.toggle(id, e.target.checked)}
      />
    </span>
  );
}

/**
 * "Select all visible" and, with a selection, the bulk actions. Each action is one request and
 * one transaction on the server: all selected conversations change, or none (the message then
 * names the conversation that refused).
 */
export function BulkToolbar({ rows }: { rows: ConversationRow[] }) {
  const t = useTranslations("conversationHandling.bulk");
  const ti = useTranslations("inbox");
  const selection = useContext(SelectionContext);
  const action = useBulkAction();
  const errorText = useErrorText();
  const [done, setDone] = useState<number | null>(null);
  const visible = rows.map((r) => r.id);
  const visibleKey = visible.join(",");

  // Only what is on screen stays selected: a new page or filter drops the rest.
  useEffect(() => {
    if (!selection) return;
    const keep = [...selection.selected].filter((id) => visibleKey.split(",").includes(id));
    if (keep.length !== selection.selected.size) selection.set(keep);
  }, [visibleKey]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!selection || !rows.length) return null;
  const ids = visible.filter((id) => selection.selected.has(id));
  const all = ids.length === visible.length;

  const run = (change: DistributiveOmit<BulkConversationAction, "conversationIds">) => {
    setDone(null);
    action.mutate({ ...change, conversationIds: ids } as BulkConversationAction, {
      onSuccess: (result) => {
        setDone(result.conversationIds.length);
        selection.set([]);
      },
    });
  };

  return (
    <div
      role="toolbar"
      aria-label={t("toolbar")}
      className="space-y-2 border-b border-border px-3 py-2"
      data-testid="bulk-toolbar"
    >
      <div className="flex items-center gap-2 text-xs">
        <Checkbox
          aria-label={t("selectAll")}
          data-testid="select-all"
          checked={all && ids.length > 0}
          ref={(el) => {
            if (el) el.indeterminate = ids.length > 0 && !all;
          }}
          onChange={(e) => selection.set(e.target.checked ? visible : [])}
        />
        <span className="text-subtle-foreground" aria-live="polite">
          {ids.length ? t("selected", { count: ids.length }) : t("selectAll")}
        </span>
        {ids.length > 0 && (
          <button
            type="button"
            className="ms-auto font-medium text-primary-text hover:underline"
            onClick={() => selection.set([])}
          >
            {t("clear")}
          </button>
        )}
      </div>
      {ids.length > 0 && (
        <div className="flex flex-wrap gap-1.5" aria-busy={action.isPending || undefined}>
          <ActionMenu label={t("assign")} testId="bulk-assign" disabled={action.isPending}>
            <MenuItem onSelect={() => run({ action: "assign", assigneeId: null })}>{t("unassign")}</MenuItem>
            {selection.members.map((m) => (
              <MenuItem
                key={m.userId}
                disabled={!selection.canAssignOthers && m.userId !== selection.currentUserId}
                onSelect={() => run({ action: "assign", assigneeId: m.userId })}
              >
                {m.name}
              </MenuItem>
            ))}
          </ActionMenu>
          <ActionMenu label={t("status")} testId="bulk-status" disabled={action.isPending}>
            {CONVERSATION_STATUSES.map((status) => (
              <MenuItem key={status} onSelect={() => run({ action: "status", status })}>
                {ti(`status.${status}`)}
              </MenuItem>
            ))}
          </ActionMenu>
          <TagMenu
            label={t("addTag")}
            testId="bulk-add-tag"
            disabled={action.isPending}
            onPick={(tagId) => run({ action: "add_tags", tagIds: [tagId] })}
          />
          <TagMenu
            label={t("removeTag")}
            testId="bulk-remove-tag"
            disabled={action.isPending}
            onPick={(tagId) => run({ action: "remove_tags", tagIds: [tagId] })}
          />
          <AgentMenu disabled={action.isPending} onPick={(agentId) => run({ action: "agent", agentId })} />
          <ActionMenu label={t("mode")} testId="bulk-mode" disabled={action.isPending}>
            <MenuItem onSelect={() => run({ action: "take_over" })}>{t("takeOver")}</MenuItem>
            <MenuItem onSelect={() => run({ action: "return_to_ai" })}>{t("returnToAi")}</MenuItem>
          </ActionMenu>
        </div>
      )}
      <div aria-live="polite" className="text-xs">
        {action.isPending ? (
          <span className="text-subtle-foreground">{t("working")}</span>
        ) : action.isError ? (
          <p role="alert" className="text-danger-text" data-testid="bulk-error">
            {t("failed", {
              message: action.error instanceof ApiError ? action.error.message : errorText(action.error),
            })}
          </p>
        ) : done !== null ? (
          <span className="text-success-text" data-testid="bulk-done">
            {t("done", { count: done })}
          </span>
        ) : null}
      </div>
    </div>
  );
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function ActionMenu({
  label,
  testId,
  disabled,
  children,
}: {
  label: string;
  testId: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button size="sm" variant="secondary" disabled={disabled} data-testid={testId}>
          {label}
        </Button>
      </MenuTrigger>
      <MenuContent>{children}</MenuContent>
    </Menu>
  );
}

function TagMenu({
  label,
  testId,
  disabled,
  onPick,
}: {
  label: string;
  testId: string;
  disabled?: boolean;
  onPick: (tagId: string) => void;
}) {
  const t = useTranslations("conversationHandling.tags");
  const tags = useConversationTags();
  return (
    <ActionMenu label={label} testId={testId} disabled={disabled}>
      {(tags.data ?? []).length === 0 && <MenuLabel>{t("pickerNone")}</MenuLabel>}
      {(tags.data ?? []).map((tag) => (
        <MenuItem key={tag.id} onSelect={() => onPick(tag.id)} data-testid="bulk-tag-option">
          <TagChip tag={tag} />
        </MenuItem>
      ))}
    </ActionMenu>
  );
}

function AgentMenu({ disabled, onPick }: { disabled?: boolean; onPick: (agentId: string | null) => void }) {
  const t = useTranslations("conversationHandling.bulk");
  const agents = useAgentsOverview({ staleTime: 60_000 });
  return (
    <ActionMenu label={t("agent")} testId="bulk-agent" disabled={disabled}>
      <MenuItem onSelect={() => onPick(null)}>{t("defaultAgent")}</MenuItem>
      {(agents.data?.agents ?? [])
        .filter((a) => a.active)
        .map((a) => (
          <MenuItem key={a.id} onSelect={() => onPick(a.id)}>
            {a.name}
          </MenuItem>
        ))}
    </ActionMenu>
  );
}
