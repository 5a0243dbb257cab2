"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/field";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { useLiveEvent } from "@/components/realtime/live-events";
import { useUrlView } from "@/lib/client/use-url-view";
import { MEETING_STATUS_FILTERS } from "@/lib/meetings/schema";
import { useMeetingList, useRefreshMeetings } from "./hooks";
import type { MeetingFilters } from "./keys";
import { MeetingFormDialog } from "./meeting-form-dialog";
import { MeetingItem } from "./meeting-item";
import type { MeetingPageData } from "./types";

type Filters = MeetingFilters;

/** /meetings: upcoming and past, filtered by owner and status (in the URL), keyset-paged, live. */
export function MeetingsView({
  initial,
  initialFilters,
  members,
  canSimulate,
}: {
  initial: MeetingPageData | null;
  initialFilters: Filters;
  members: { userId: string; name: string }[];
  canSimulate: boolean;
}) {
  const t = useTranslations("meetings");
  const tc = useTranslations("common");
  const view = useUrlView({ keys: ["tab", "owner", "status"], history: "replace" });
  const refresh = useRefreshMeetings();
  const filters: Filters = {
    tab: view.get("tab") === "past" ? "past" : "upcoming",
    owner: view.get("owner") ?? "",
    status: view.get("status") ?? "",
  };
  const sameAsInitial = JSON.stringify(filters) === JSON.stringify(initialFilters);

  const meetings = useMeetingList(filters, sameAsInitial ? initial : null);
  useLiveEvent("meetings", () => void refresh());

  const setFilter = (changes: Partial<Filters>) => {
    const next = { ...filters, ...changes };
    view.update({
      tab: next.tab === "upcoming" ? null : next.tab,
      owner: next.owner || null,
      status: next.status || null,
    });
  };

  const rows = meetings.items;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <MeetingFormDialog
          trigger={
            <Button size="sm" data-testid="new-meeting">
              {t("new")}
            </Button>
          }
        />
      </div>
      <Card>
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-border pb-4">
          <div
            role="tablist"
            aria-label={t("tabs")}
            className="inline-flex rounded-md border border-border-strong p-0.5"
          >
            {(["upcoming", "past"] as const).map((tab) => (
              <button
                key={tab}
                role="tab"
                type="button"
                aria-selected={filters.tab === tab}
                onClick={() => setFilter({ tab })}
                className={cn(
                  "rounded px-3 py-1.5 text-sm font-medium",
                  filters.tab === tab
                    ? "bg-primary text-primary-foreground"
                    : "text-secondary-foreground hover:bg-muted",
                )}
              >
                {t(`tab.${tab}`)}
              </button>
            ))}
          </div>
          <div className="flex flex-wrap gap-3">
            <SelectField
              label={t("owner")}
              value={filters.owner}
              onChange={(e) => setFilter({ owner: e.target.value })}
            >
              <option value="">{t("anyOwner")}</option>
              <option value="me">{t("me")}</option>
              <option value="unassigned">{t("unassigned")}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("statusLabel")}
              value={filters.status}
              onChange={(e) => setFilter({ status: e.target.value })}
            >
              <option value="">{t("anyStatus")}</option>
              {MEETING_STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        {meetings.isPending ? (
          <LoadingState label={tc("loading")} />
        ) : meetings.isError && !rows.length ? (
          <div className="pt-4">
            <QueryErrorState query={meetings} />
          </div>
        ) : rows.length === 0 ? (
          <div className="pt-4">
            <EmptyState title={filters.tab === "upcoming" ? t("emptyUpcoming") : t("emptyPast")}>
              {t("emptyHint")}
            </EmptyState>
          </div>
        ) : (
          <>
            <ul className="divide-y divide-border" data-testid="meetings-list">
              {rows.map((meeting) => (
                <MeetingItem
                  key={meeting.id}
                  meeting={meeting}
                  canSimulate={canSimulate}
                  onChanged={() => void refresh()}
                />
              ))}
            </ul>
            {meetings.hasNextPage && (
              <div className="flex justify-center pt-3">
                <Button size="sm" variant="secondary" loading={meetings.isFetchingNextPage} onClick={meetings.loadMore}>
                  {t("loadMore")}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
