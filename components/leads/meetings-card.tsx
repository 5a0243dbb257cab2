"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { MeetingFormDialog } from "@/components/meetings/meeting-form-dialog";
import { MeetingItem } from "@/components/meetings/meeting-item";
import { useLeadMeetings } from "@/components/meetings/hooks";
import { meetingKeys } from "@/components/meetings/keys";
import { useLiveEvent } from "@/components/realtime/live-events";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { useRefreshLead } from "./hooks";

/** The lead's meetings (newest first, a reschedule shown once); live as Calendly reports changes. */
export function MeetingsCard({ leadId }: { leadId: string }) {
  const t = useTranslations("meetings");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const meetings = useLeadMeetings(leadId);
  const refreshLead = useRefreshLead();
  useLiveEvent("meetings", () => {
    void queryClient.invalidateQueries({ queryKey: meetingKeys.forLead(leadId) });
    void refreshLead(leadId);
  });
  const rows = meetings.data?.meetings ?? [];
  return (
    <Card
      title={t("leadCardTitle")}
      actions={
        <div className="flex items-center gap-3">
          <MeetingFormDialog
            leadId={leadId}
            trigger={
              <Button size="sm" variant="secondary" data-testid="new-meeting">
                {t("new")}
              </Button>
            }
          />
          <Link href="/meetings" className="text-sm text-primary-text hover:underline">
            {t("allMeetings")}
          </Link>
        </div>
      }
    >
      <div data-testid="lead-meetings">
        {meetings.isPending ? (
          <LoadingState label={tc("loading")} />
        ) : meetings.isError ? (
          <QueryErrorState query={meetings} />
        ) : rows.length === 0 ? (
          <EmptyState title={t("leadEmpty")}>{t("leadEmptyHint")}</EmptyState>
        ) : (
          <ul className="divide-y divide-border">
            {rows.map((meeting) => (
              <MeetingItem
                key={meeting.id}
                meeting={meeting}
                showLead={false}
                canSimulate={false}
                onChanged={() => void meetings.refetch()}
              />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
