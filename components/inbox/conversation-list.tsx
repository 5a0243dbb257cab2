"use client";

import { useTranslations } from "next-intl";
import type { MouseEvent } from "react";
import { HEAT_STYLES } from "@/components/leads/heat-badge";
import { RelativeTime } from "@/components/leads/relative-time";
import { useLiveStatus } from "@/components/realtime/live-events";
import { UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { Menu, MenuCheckboxItem, MenuContent, MenuFilterButton, MenuTrigger } from "@/components/ui/menu";
import { ApiError } from "@/lib/client/api";
import { keysetPages } from "@/lib/client/keyset";
import { useUrlSearch } from "@/lib/client/use-url-view";
import { HEAT_LEVELS, type HeatLevel } from "@/lib/scoring";
import { useConversationList } from "./hooks";
import type { Navigate } from "./inbox-view";
import { FILTER_KEYS, inboxHref, initials, STATUS_TABS } from "./query";
import type { ConversationPage, ConversationRow } from "./types";
import { ChannelBadge } from "./channel-badge";
import { BulkToolbar, SelectCheckbox } from "./bulk-selection";
import { SlaFlag } from "./sla-flag";
import { TagChips } from "./tag-chip";
import { TagFilter } from "./tag-filter";

type Props = {
  listKey: string;
  initialKey: string;
  initialPage: ConversationPage | null;
  selectedId: string | null;
  navigate: Navigate;
  onSelect: (id: string) => void;
  /** One-line rows (the `compact-inbox` beta, decided on the server). */
  compactRows?: boolean;
};

/** The filter selects are one row of compact controls. */
const compact = "h-8 min-w-0 py-0 shadow-none";

export function ConversationList({
  listKey,
  initialKey,
  initialPage,
  selectedId,
  navigate,
  onSelect,
  compactRows = false,
}: Props) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const params = new URLSearchParams(listKey);
  const status = params.get("status") ?? "open";
  const heat = (params.get("heat") ?? "").split(",").filter(Boolean);
  const activeFilters = FILTER_KEYS.filter((k) => k !== "q" && params.get(k)).length;
  const hasFilters = activeFilters > 0 || Boolean(params.get("q"));

  const list = useConversationList(listKey, { key: initialKey, page: initialPage });

  // Search box: typed text goes to the URL after a pause; Back/forward put the URL's text back.
  const [search, setSearch] = useUrlSearch(params.get("q") ?? "", (q) => navigate({ q }, { replace: true }), 300);

  const page = list.data;
  const pages = keysetPages(page, list.isFetching, navigate);
  const rows = page?.conversations ?? [];

  return (
    <>
      <div className="space-y-3 border-b border-border p-3">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-lg font-semibold">{t("title")}</h1>
          <LiveIndicator />
        </div>
        <div className="relative">
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className="pointer-events-none absolute start-2.5 top-2.5 size-4 text-faint-foreground"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
          >
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <Input
            type="search"
            aria-label={t("filters.search")}
            value={search}
            placeholder={t("filters.searchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={100}
            data-testid="inbox-search"
            className="h-9 py-0 ps-8 pe-2 shadow-none"
          />
        </div>
        <div
          role="group"
          aria-label={t("filters.statusTabs")}
          className="grid grid-cols-4 gap-0.5 rounded-lg bg-muted p-0.5"
        >
          {STATUS_TABS.map((tab) => (
            <button
              key={tab}
              type="button"
              aria-pressed={status === tab}
              data-testid={`status-tab-${tab}`}
              onClick={() => navigate({ status: tab === "open" ? null : tab })}
              className={cn(
                "rounded-md px-2 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-ring",
                status === tab ? "bg-surface text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
              )}
            >
              {t(`status.${tab}`)}
            </button>
          ))}
        </div>
        <div className="grid grid-cols-2 gap-2">
          <label className="min-w-0">
            <span className="sr-only">{t("filters.channel")}</span>
            <Select
              size="sm"
              className={compact}
              value={params.get("channel") ?? ""}
              data-testid="filter-channel"
              onChange={(e) => navigate({ channel: e.target.value || null })}
            >
              <option value="">{t("filters.anyChannel")}</option>
              <option value="sms">{t("medium.sms")}</option>
              <option value="whatsapp">{t("medium.whatsapp")}</option>
              <option value="email">{t("medium.email")}</option>
            </Select>
          </label>
          <label className="min-w-0">
            <span className="sr-only">{t("filters.assigned")}</span>
            <Select
              size="sm"
              className={compact}
              value={params.get("assigned") ?? "any"}
              data-testid="filter-assigned"
              onChange={(e) => navigate({ assigned: e.target.value === "any" ? null : e.target.value })}
            >
              <option value="any">{t("filters.assignedAny")}</option>
              <option value="me">{t("filters.assignedMe")}</option>
              <option value="unassigned">{t("filters.assignedUnassigned")}</option>
            </Select>
          </label>
          <HeatFilter
            selected={heat}
            onChange={(levels) => navigate({ heat: HEAT_LEVELS.filter((h) => levels.includes(h)).join(",") || null })}
          />
          <TagFilter
            selected={(params.get("tags") ?? "").split(",").filter(Boolean)}
            onChange={(ids) => navigate({ tags: ids.join(",") || null })}
          />
          <label
            className={cn(
              "flex h-8 cursor-pointer items-center gap-2 rounded-md border px-2 text-sm",
              params.get("unread") === "true"
                ? "border-primary-border bg-primary-surface text-primary-muted-foreground"
                : "border-border-strong",
            )}
          >
            <Checkbox
              className="size-3.5"
              data-testid="filter-unread"
              checked={params.get("unread") === "true"}
              onChange={(e) => navigate({ unread: e.target.checked ? "true" : null })}
            />
            {t("filters.unread")}
          </label>
        </div>
        {hasFilters && (
          <div className="flex items-center justify-between text-xs text-subtle-foreground">
            <span>{activeFilters > 0 ? t("filters.activeCount", { count: activeFilters }) : null}</span>
            <button
              type="button"
              className="font-medium text-primary-text hover:underline"
              onClick={() => {
                setSearch("");
                navigate(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
              }}
            >
              {t("filters.clear")}
            </button>
          </div>
        )}
      </div>

      <BulkToolbar rows={rows} />
      <div
        className="min-h-0 flex-1 overflow-y-auto"
        aria-busy={list.isFetching || undefined}
        data-testid="conversation-list"
      >
        {list.isError && !page ? (
          <div
            role="alert"
            className="m-3 space-y-2 rounded-md border border-danger-border bg-danger-surface p-3 text-sm text-danger-muted-foreground"
          >
            <p>{list.error instanceof ApiError ? list.error.message : tc("loadError")}</p>
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" onClick={() => void list.refetch()}>
                {tc("retry")}
              </Button>
              {params.get("cursor") && (
                <Button size="sm" variant="ghost" onClick={() => navigate({})}>
                  {t("firstPage")}
                </Button>
              )}
            </div>
          </div>
        ) : !page ? (
          <ListSkeleton label={tc("loading")} />
        ) : rows.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-12 text-center" data-testid="inbox-empty">
            <p className="text-sm font-medium text-foreground-soft">
              {hasFilters || status !== "open" ? t("emptyFiltered") : t("empty")}
            </p>
            {!hasFilters && <p className="mt-1 text-sm text-subtle-foreground">{t("emptyHint")}</p>}
          </div>
        ) : (
          <ul
            className={cn("divide-y divide-border", list.isPlaceholderData && "opacity-60")}
            data-compact={compactRows || undefined}
          >
            {rows.map((row) => (
              <ConversationItem
                key={row.id}
                row={row}
                listKey={listKey}
                selected={row.id === selectedId}
                onSelect={onSelect}
                oneLine={compactRows}
              />
            ))}
          </ul>
        )}
      </div>

      <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2 border-t border-border p-2">
        <Button
          size="sm"
          variant="ghost"
          data-testid="newer-page"
          disabled={pages.previous.disabled}
          onClick={pages.previous.onClick}
        >
          <DirectionalArrow to="back" /> {t("newer")}
        </Button>
        {list.isFetching && page && (
          <span
            aria-hidden
            className="size-3 animate-spin rounded-full border-2 border-faint-foreground border-e-transparent"
          />
        )}
        <Button
          size="sm"
          variant="ghost"
          data-testid="older-page"
          disabled={pages.next.disabled}
          onClick={pages.next.onClick}
        >
          {t("older")} <DirectionalArrow to="forward" />
        </Button>
      </nav>
    </>
  );
}

function ConversationItem({
  row,
  listKey,
  selected,
  onSelect,
  oneLine,
}: {
  row: ConversationRow;
  listKey: string;
  selected: boolean;
  onSelect: (id: string) => void;
  oneLine: boolean;
}) {
  const t = useTranslations("inbox");
  const tl = useTranslations("leads");
  const unread = row.unreadCount > 0;
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    // Plain clicks stay in the page; modified clicks (new tab, …) follow the link.
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    onSelect(row.id);
  };
  const name = (
    <span
      className={cn(
        "truncate text-sm",
        unread ? "font-semibold text-foreground" : "font-medium text-foreground-soft",
        oneLine && "max-w-[55%] shrink-0",
      )}
      data-testid="conversation-name"
      dir="auto"
    >
      {row.leadName}
    </span>
  );
  const time = (
    <span className={cn("shrink-0 text-xs", unread ? "font-medium text-primary-text" : "text-subtle-foreground")}>
      <RelativeTime date={row.lastMessageAt} />
    </span>
  );
  const preview = (
    <span
      className={cn(
        "min-w-0 flex-1 truncate",
        oneLine ? "text-xs" : "text-sm",
        unread ? "text-foreground" : "text-muted-foreground",
      )}
      data-testid="conversation-preview"
    >
      {row.lastMessagePreview ? (
        <>
          {row.lastMessageDirection === "outbound" && <span className="text-subtle-foreground">{t("you")}</span>}
          <UserText>{row.lastMessagePreview}</UserText>
        </>
      ) : (
        // A message with no text carried only files.
        <span className="italic">{row.lastMessageDirection ? t("filesOnlyPreview") : t("noPreview")}</span>
      )}
    </span>
  );
  const badge = unread && (
    <span
      className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-primary px-1.5 text-[11px] font-semibold text-primary-foreground tabular-nums"
      aria-label={t("unreadCount", { count: row.unreadCount })}
      title={t("unreadCount", { count: row.unreadCount })}
      data-testid="unread-count"
    >
      {row.unreadCount > 99 ? "99+" : row.unreadCount}
    </span>
  );
  return (
    <li className="flex">
      <SelectCheckbox id={row.id} lead={row.leadName} />
      <a
        href={inboxHref(listKey, row.id)}
        onClick={open}
        aria-current={selected ? "true" : undefined}
        data-testid="conversation-row"
        data-conversation-id={row.id}
        data-unread={unread || undefined}
        className={cn(
          "flex min-w-0 flex-1 border-s-2 px-3 transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
          oneLine ? "items-center gap-2 py-1.5" : "gap-3 py-3",
          selected ? "border-primary bg-primary-surface/70" : "border-transparent hover:bg-surface-hover",
        )}
      >
        {oneLine ? (
          // One line: channel, name, the preview in what room is left, time, unread count.
          <>
            <ChannelBadge medium={row.medium} iconOnly />
            {name}
            {preview}
            <SlaFlag breachedAt={row.slaBreachedAt} />
            {time}
            {badge}
          </>
        ) : (
          <div className="min-w-0 flex-1 space-y-1">
            <div className="flex items-baseline justify-between gap-2">
              {name}
              {time}
            </div>
            <div className="flex items-center gap-2">
              {preview}
              {badge}
            </div>
            <div className="flex items-center gap-1.5">
              <ChannelBadge medium={row.medium} />
              <span
                className={cn(
                  "inline-flex items-center rounded-full px-1.5 py-px text-[11px] font-semibold ring-1 ring-inset",
                  HEAT_STYLES[row.heatLevel],
                )}
                data-testid="heat-badge"
              >
                {tl(`heat.${row.heatLevel}`)}
              </span>
              {row.status !== "open" && (
                <span className="rounded-full bg-muted px-1.5 py-px text-[11px] font-medium text-muted-foreground">
                  {t(`status.${row.status}`)}
                </span>
              )}
              <SlaFlag breachedAt={row.slaBreachedAt} />
              <TagChips tags={row.tags} />
              <span className="ms-auto">
                <Avatar
                  name={row.assigneeName}
                  title={row.assigneeName ? t("assignedTo", { name: row.assigneeName }) : t("unassigned")}
                />
              </span>
            </div>
          </div>
        )}
      </a>
    </li>
  );
}

export function Avatar({ name, title, className }: { name: string | null; title?: string; className?: string }) {
  return (
    <span
      title={title}
      aria-label={title}
      // Without a title it is decoration beside a name already written out.
      role={title ? "img" : undefined}
      aria-hidden={title ? undefined : true}
      className={cn(
        "inline-flex size-5 shrink-0 items-center justify-center rounded-full text-[9px] font-semibold",
        name
          ? "bg-secondary-foreground text-surface"
          : "border border-dashed border-border-strong text-faint-foreground",
        className,
      )}
    >
      {name ? initials(name) : ""}
    </span>
  );
}

function HeatFilter({ selected, onChange }: { selected: string[]; onChange: (levels: string[]) => void }) {
  const t = useTranslations("inbox");
  const tl = useTranslations("leads");
  const label = selected.length
    ? `${t("filters.heat")}: ${selected.map((h) => tl(`heat.${h as HeatLevel}`)).join(", ")}`
    : t("filters.anyHeat");
  return (
    <Menu>
      <MenuTrigger asChild>
        <MenuFilterButton data-testid="filter-heat" label={label} active={selected.length > 0} className={compact} />
      </MenuTrigger>
      <MenuContent>
        {[...HEAT_LEVELS].reverse().map((level) => (
          <MenuCheckboxItem
            key={level}
            checked={selected.includes(level)}
            onCheckedChange={(checked) =>
              onChange(checked ? [...selected, level] : selected.filter((h) => h !== level))
            }
          >
            <span
              className={cn("rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", HEAT_STYLES[level])}
            >
              {tl(`heat.${level}`)}
            </span>
          </MenuCheckboxItem>
        ))}
      </MenuContent>
    </Menu>
  );
}

function LiveIndicator() {
  const t = useTranslations("inbox");
  const status = useLiveStatus();
  const label = status === "live" ? t("live") : status === "polling" ? t("polling") : t("connecting");
  const hint = status === "polling" ? t("pollingHint") : t("liveHint");
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-subtle-foreground"
      title={hint}
      data-testid="live-status"
      data-status={status}
    >
      <span
        aria-hidden
        className={cn(
          "size-2 rounded-full",
          status === "live"
            ? "bg-dot-success shadow-[0_0_0_3px] shadow-dot-success/20"
            : status === "polling"
              ? "bg-dot-warning"
              : "animate-pulse bg-dot-neutral",
        )}
      />
      {label}
    </span>
  );
}

function ListSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="divide-y divide-border">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="animate-pulse space-y-2 px-3 py-3.5">
          <div className="flex justify-between">
            <div className="h-3.5 w-32 rounded bg-border" />
            <div className="h-3 w-10 rounded bg-muted" />
          </div>
          <div className="h-3 w-56 rounded bg-muted" />
          <div className="flex gap-1.5">
            <div className="h-3.5 w-10 rounded-full bg-muted" />
            <div className="h-3.5 w-12 rounded-full bg-muted" />
          </div>
        </div>
      ))}
    </div>
  );
}
