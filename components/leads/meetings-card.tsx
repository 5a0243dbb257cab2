"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { MeetingItem } from "@/components/meetings/meeting-item";
import type { MeetingPageData } from "@/components/meetings/types";
import { useLiveEvent } from "@/components/realtime/live-events";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { api } from "@/lib/client/api";

/** The lead's meetings (newest first, a reschedule shown once); live as Calendly reports changes. */
export function MeetingsCard({ leadId }: { leadId: string }) {
  const t = useTranslations("meetings");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const meetings = useQuery({
    queryKey: ["meetings", "lead", leadId],
    queryFn: () => api<MeetingPageData>(`/api/v1/meetings?tab=all&leadId=${leadId}&limit=20`),
  });
  useLiveEvent("meetings", () => {
    void queryClient.invalidateQueries({ queryKey: ["meetings", "lead", leadId] });
    void queryClient.invalidateQueries({ queryKey: ["lead", leadId] });
    void queryClient.invalidateQueries({ queryKey: ["lead-events", leadId] });
  });
  const rows = meetings.data?.meetings ?? [];
  return (
    <Card title={t("leadCardTitle")} actions={<Link href="/meetings" className="text-sm text-orange-700 hover:underline dark:text-orange-400">{t("allMeetings")}</Link>}>
      <div data-testid="lead-meetings">
        {meetings.isPending ? (
          <LoadingState label={tc("loading")} />
        ) : meetings.isError ? (
          <ErrorState message={tc("loadError")} retry={<Button size="sm" variant="secondary" onClick={() => meetings.refetch()}>{tc("retry")}</Button>} />
        ) : rows.length === 0 ? (
          <EmptyState title={t("leadEmpty")}>{t("leadEmptyHint")}</EmptyState>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {rows.map((meeting) => (
              <MeetingItem key={meeting.id} meeting={meeting} showLead={false} canSimulate={false} onChanged={() => undefined} />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
