"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { UserText } from "@/components/ui/bidi";
import { MarkHeldButton } from "./mark-held-button";
import { ManualMeetingActions } from "./meeting-actions";
import { SimulateMeetingActions } from "./simulate-actions";
import { MeetingStatusBadge } from "./status-badge";
import type { MeetingRow } from "./types";

/** Where the meeting came from, under `meetings`. */
const PROVIDER_LABEL = { calendly: "viaCalendly", manual: "byHand", google: "viaGoogle" } as const satisfies Record<
  MeetingRow["provider"],
  string
>;

/**
 * One meeting: when (in the viewer's time zone, named), with whom (linked to the lead), owner,
 * where to join, its status, what the lead answered when booking, who else comes and what came
 * of it; and what the viewer may do with it.
 */
export function MeetingItem({
  meeting,
  showLead = true,
  canSimulate,
  onChanged,
}: {
  meeting: MeetingRow;
  showLead?: boolean;
  canSimulate: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations("meetings");
  const format = useFormatter();
  const start = new Date(meeting.startsAt);
  const end = new Date(meeting.endsAt);
  const inactive = meeting.status === "canceled" || meeting.status === "no_show";
  return (
    <li
      className="flex flex-wrap items-start justify-between gap-3 py-3"
      data-testid="meeting-row"
      data-meeting-id={meeting.id}
    >
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <p className={`text-sm font-semibold ${inactive ? "text-subtle-foreground" : ""}`}>
            {meeting.title || t("untitled")}
          </p>
          <MeetingStatusBadge status={meeting.status} />
          <span className="text-xs text-subtle-foreground">{t(PROVIDER_LABEL[meeting.provider])}</span>
        </div>
        <p className="text-sm text-secondary-foreground">
          <time dateTime={start.toISOString()}>
            {format.dateTime(start, {
              weekday: "short",
              day: "numeric",
              month: "short",
              hour: "2-digit",
              minute: "2-digit",
            })}
          </time>
          {"–"}
          <time dateTime={end.toISOString()}>
            {format.dateTime(end, { hour: "2-digit", minute: "2-digit", timeZoneName: "short" })}
          </time>
          {showLead && (
            <>
              <span aria-hidden> · </span>
              <Link href={`/leads/${meeting.leadId}`} className="font-medium text-primary-text hover:underline">
                <UserText>{meeting.leadName}</UserText>
              </Link>
            </>
          )}
          <span aria-hidden> · </span>
          <span className="text-subtle-foreground">
            {meeting.ownerName ? <UserText>{meeting.ownerName}</UserText> : t("unassigned")}
          </span>
        </p>
        {meeting.status === "rescheduled" && meeting.rescheduledFromStartsAt && (
          <p className="text-xs text-info-muted-foreground">
            {t("movedFrom", {
              when: format.dateTime(new Date(meeting.rescheduledFromStartsAt), {
                day: "numeric",
                month: "short",
                hour: "2-digit",
                minute: "2-digit",
              }),
            })}
          </p>
        )}
        {meeting.status === "canceled" && meeting.canceledReason && (
          <p className="text-xs text-subtle-foreground">{t("canceledBecause", { reason: meeting.canceledReason })}</p>
        )}
        {meeting.location && (
          <p className="text-xs text-subtle-foreground">
            <UserText>{meeting.location}</UserText>
          </p>
        )}
        {meeting.attendees && (
          <p className="text-xs text-subtle-foreground">
            {t("attendees")}: <UserText>{meeting.attendees}</UserText>
          </p>
        )}
        {meeting.outcomeNote && (
          <p className="text-xs text-secondary-foreground" data-testid="meeting-outcome">
            {t("outcome")}: <UserText>{meeting.outcomeNote}</UserText>
          </p>
        )}
        {meeting.googleCalendar && <GoogleCalendarStatus event={meeting.googleCalendar} />}
        {meeting.answers.length > 0 && (
          <details className="text-xs" data-testid="meeting-answers">
            <summary className="cursor-pointer text-subtle-foreground">
              {t("answers", { count: meeting.answers.length })}
            </summary>
            <dl className="mt-1 space-y-1">
              {meeting.answers.map((qa, i) => (
                <div key={i}>
                  <dt className="font-medium text-secondary-foreground">
                    <UserText>{qa.question}</UserText>
                  </dt>
                  <dd className="text-subtle-foreground">
                    <UserText>{qa.answer || "—"}</UserText>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </div>
      <div className="flex flex-col items-end gap-2">
        {meeting.joinUrl && !inactive && (
          <a
            href={meeting.joinUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="text-sm font-medium text-primary-text hover:underline"
          >
            {t("join")} ↗
          </a>
        )}
        <MarkHeldButton meeting={meeting} onDone={onChanged} />
        <ManualMeetingActions meeting={meeting} onDone={onChanged} />
        {canSimulate && <SimulateMeetingActions meeting={meeting} onDone={onChanged} />}
      </div>
    </li>
  );
}

/** How the meeting's event in the owner's Google Calendar stands (a meeting booked in Kiln). */
function GoogleCalendarStatus({ event }: { event: NonNullable<MeetingRow["googleCalendar"]> }) {
  const t = useTranslations("meetings.googleCalendar");
  const failed = event.state === "failed";
  return (
    <p
      className={`text-xs ${failed ? "text-danger-text" : "text-subtle-foreground"}`}
      data-testid="meeting-google-calendar-status"
      data-state={event.state}
    >
      {failed
        ? t("failed", { reason: t(`errors.${event.errorKind ?? "unexpected"}`) })
        : event.state === "added"
          ? t("added")
          : event.state === "removed"
            ? t("removed")
            : t("pending")}
    </p>
  );
}
