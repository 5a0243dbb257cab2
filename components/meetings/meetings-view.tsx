"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useLiveEvent } from "@/components/realtime/live-events";
import { api } from "@/lib/client/api";
import { MEETING_STATUS_FILTERS } from "@/lib/meetings/schema";
import { MeetingItem } from "./meeting-item";
import type { MeetingPageData } from "./types";

type Filters = { tab: "upcoming" | "past"; owner: string; status: string };

const queryString = (f: Filters, cursor?: string | null) => {
  const params = new URLSearchParams({ tab: f.tab, limit: "25" });
  if (f.owner) params.set("owner", f.owner);
  if (f.status) params.set("status", f.status);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
};

/** /meetings: upcoming and past, filtered by owner and status (in the URL), keyset-paged, live. */
export function MeetingsView({ initial, initialFilters, members, canSimulate }: {
  initial: MeetingPageData | null;
  initialFilters: Filters;
  members: { userId: string; name: string }[];
  canSimulate: boolean;
}) {
  const t = useTranslations("meetings");
  const tc = useTranslations("common");
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const filters: Filters = {
    tab: search.get("tab") === "past" ? "past" : "upcoming",
    owner: search.get("owner") ?? "",
    status: search.get("status") ?? "",
  };
  const sameAsInitial = JSON.stringify(filters) === JSON.stringify(initialFilters);

  const meetings = useInfiniteQuery({
    queryKey: ["meetings", "list", filters],
    queryFn: ({ pageParam }) => api<MeetingPageData>(`/api/v1/meetings?${queryString(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...(sameAsInitial && initial ? { initialData: { pages: [initial], pageParams: [null] } } : {}),
  });
  useLiveEvent("meetings", () => void queryClient.invalidateQueries({ queryKey: ["meetings"] }));

  const setFilter = (changes: Partial<Filters>) => {
    const next = { ...filters, ...changes };
    const params = new URLSearchParams();
    if (next.tab !== "upcoming") params.set("tab", next.tab);
    if (next.owner) params.set("owner", next.owner);
    if (next.status) params.set("status", next.status);
    router.replace(`${pathname}${params.size ? `?${params}` : ""}`, { scroll: false });
  };

  const rows = meetings.data?.pages.flatMap((p) => p.meetings) ?? [];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Card>
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-zinc-200 pb-4 dark:border-zinc-800">
          <div role="tablist" aria-label={t("tabs")} className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
            {(["upcoming", "past"] as const).map((tab) => (
              <button
                key={tab}
                role="tab"
                type="button"
                aria-selected={filters.tab === tab}
                onClick={() => setFilter({ tab })}
                className={cn("rounded px-3 py-1.5 text-sm font-medium", filters.tab === tab ? "bg-orange-600 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800")}
              >
                {t(`tab.${tab}`)}
              </button>
            ))}
          </div>
          <div className="flex flex-wrap gap-3">
            <SelectField label={t("owner")} value={filters.owner} onChange={(e) => setFilter({ owner: e.target.value })}>
              <option value="">{t("anyOwner")}</option>
              <option value="me">{t("me")}</option>
              <option value="unassigned">{t("unassigned")}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("statusLabel")} value={filters.status} onChange={(e) => setFilter({ status: e.target.value })}>
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
            <ErrorState message={tc("loadError")} retry={<Button size="sm" variant="secondary" onClick={() => meetings.refetch()}>{tc("retry")}</Button>} />
          </div>
        ) : rows.length === 0 ? (
          <div className="pt-4">
            <EmptyState title={filters.tab === "upcoming" ? t("emptyUpcoming") : t("emptyPast")}>{t("emptyHint")}</EmptyState>
          </div>
        ) : (
          <>
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="meetings-list">
              {rows.map((meeting) => (
                <MeetingItem key={meeting.id} meeting={meeting} canSimulate={canSimulate} onChanged={() => void queryClient.invalidateQueries({ queryKey: ["meetings"] })} />
              ))}
            </ul>
            {meetings.hasNextPage && (
              <div className="flex justify-center pt-3">
                <Button size="sm" variant="secondary" loading={meetings.isFetchingNextPage} onClick={() => meetings.fetchNextPage()}>
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
