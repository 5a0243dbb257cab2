"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { LtrText, UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Checkbox } from "@/components/ui/input";
import { Table, TBody, TCell, THead, THeader } from "@/components/ui/table";
import { BantDots } from "./bant-dots";
import { HeatBadge } from "./heat-badge";
import { RelativeTime } from "./relative-time";
import type { LeadRow } from "./types";
import type { UiViewMode } from "@/lib/session-state/schema";
import { OPTIONAL_COLUMNS, type OptionalColumn } from "@/lib/leads/columns";

export type TableDensity = UiViewMode<"leads.table">;

type Props = {
  rows: LeadRow[];
  columns: Set<OptionalColumn>;
  /** Row height: the view mode this device remembers (lib/session-state). */
  density: TableDensity;
  deleted: boolean;
  selected: Set<string>;
  onSelect: (ids: Set<string>) => void;
  currentUserId: string;
  onRestore: (id: string) => void;
  restoringId: string | null;
  placeholder: boolean;
  fetching: boolean;
};

/** One page of leads: tick boxes (or "restore" among deleted leads), name, heat and the chosen columns. */
export function LeadsTable({
  rows,
  columns,
  density,
  deleted,
  selected,
  onSelect,
  currentUserId,
  onRestore,
  restoringId,
  placeholder,
  fetching,
}: Props) {
  const t = useTranslations("leads");
  const show = (c: OptionalColumn) => columns.has(c);
  const compact = density === "compact";
  const header = cn("px-3", compact && "py-1.5");
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <div className={cn("overflow-x-auto rounded-lg border border-border bg-surface", placeholder && "opacity-60")}>
      <Table data-testid="leads-table" data-density={density} aria-busy={fetching || undefined}>
        <THead className="border-b border-border">
          <tr>
            {!deleted && (
              <THeader className={cn("w-10", header)}>
                <Checkbox
                  aria-label={t("selectPage")}
                  checked={allSelected}
                  onChange={() => onSelect(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </THeader>
            )}
            <THeader className={header}>{t("columns.name")}</THeader>
            <THeader className={header}>{t("columns.heat")}</THeader>
            {OPTIONAL_COLUMNS.filter(show).map((c) => (
              <THeader key={c} className={cn(header, "whitespace-nowrap")}>
                {t(`columns.${c}`)}
              </THeader>
            ))}
            {deleted && <THeader className={header}>{t("columns.deleted")}</THeader>}
          </tr>
        </THead>
        <TBody>
          {rows.map((lead) => (
            <LeadTableRow
              key={lead.id}
              lead={lead}
              show={show}
              compact={compact}
              deleted={deleted}
              selected={selected.has(lead.id)}
              isMine={lead.ownerId === currentUserId}
              onToggle={() => toggle(lead.id)}
              onRestore={() => onRestore(lead.id)}
              restoring={restoringId === lead.id}
            />
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function LeadTableRow({
  lead,
  show,
  compact,
  deleted,
  selected,
  isMine,
  onToggle,
  onRestore,
  restoring,
}: {
  lead: LeadRow;
  show: (c: OptionalColumn) => boolean;
  compact: boolean;
  deleted: boolean;
  selected: boolean;
  isMine: boolean;
  onToggle: () => void;
  onRestore: () => void;
  restoring: boolean;
}) {
  const t = useTranslations("leads");
  // Compact rows have less vertical padding: more leads on one screen, the same columns.
  const cell = cn("px-3 align-middle", compact && "py-1");
  const nowrap = cn(cell, "whitespace-nowrap");
  return (
    <tr className={cn(selected && "bg-primary-surface")} data-testid="lead-row" data-lead-id={lead.id}>
      {!deleted && (
        <TCell className={cell}>
          <Checkbox aria-label={t("selectLead", { name: lead.name })} checked={selected} onChange={onToggle} />
        </TCell>
      )}
      <TCell className={cn(cell, "min-w-48")}>
        <Link
          href={`/leads/${lead.id}`}
          className="font-medium text-foreground hover:text-primary-text hover:underline"
        >
          <UserText>{lead.name}</UserText>
        </Link>
        {(lead.company || lead.title) && (
          <p className="truncate text-xs text-subtle-foreground">
            <UserText>{[lead.title, lead.company].filter(Boolean).join(" · ")}</UserText>
          </p>
        )}
      </TCell>
      <TCell className={cell}>
        <HeatBadge level={lead.heatLevel} score={lead.heatScore} overridden={lead.heatOverridden} />
      </TCell>
      {show("bant") && (
        <TCell className={cell}>
          <BantDots statuses={lead.bantStatuses} />
        </TCell>
      )}
      {show("owner") && (
        <TCell className={nowrap} data-testid="lead-owner">
          {lead.ownerName ? (
            <>
              <UserText>{lead.ownerName}</UserText> {isMine && <Badge>{t("you")}</Badge>}
            </>
          ) : (
            <span className="text-faint-foreground">{t("unassigned")}</span>
          )}
        </TCell>
      )}
      {show("status") && (
        <TCell className={nowrap} data-testid="lead-status">
          {t(`status.${lead.status}`)}
        </TCell>
      )}
      {show("project") && (
        <TCell className={nowrap}>
          {lead.projectName ? (
            <UserText>{lead.projectName}</UserText>
          ) : (
            <span className="text-faint-foreground">—</span>
          )}
        </TCell>
      )}
      {show("tags") && (
        <TCell className={cell}>
          <span className="flex gap-1 whitespace-nowrap" title={lead.tags.join(", ")}>
            {lead.tags.slice(0, 3).map((tag) => (
              <Badge key={tag}>
                <UserText>{tag}</UserText>
              </Badge>
            ))}
            {lead.tags.length > 3 && <Badge>+{lead.tags.length - 3}</Badge>}
          </span>
        </TCell>
      )}
      {show("lastActivity") && (
        <TCell className={cn(nowrap, "text-muted-foreground")}>
          <RelativeTime date={lead.lastActivityAt} />
        </TCell>
      )}
      {show("email") && <TCell className={nowrap}>{lead.email && <LtrText>{lead.email}</LtrText>}</TCell>}
      {show("phone") && <TCell className={nowrap}>{lead.phone && <LtrText>{lead.phone}</LtrText>}</TCell>}
      {show("source") && <TCell className={nowrap}>{t(`source.${lead.source}`)}</TCell>}
      {show("created") && (
        <TCell className={cn(nowrap, "text-muted-foreground")}>
          <RelativeTime date={lead.createdAt} />
        </TCell>
      )}
      {deleted && (
        <TCell className={nowrap}>
          <span className="me-3 text-subtle-foreground">
            {lead.deletedAt && <RelativeTime date={lead.deletedAt} />}
          </span>
          <Button size="sm" variant="secondary" loading={restoring} onClick={onRestore}>
            {t("restore")}
          </Button>
        </TCell>
      )}
    </tr>
  );
}
