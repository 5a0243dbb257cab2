"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import { z } from "zod";
import { useRefreshLead } from "@/components/leads/hooks";
import { leadKeys } from "@/components/leads/keys";
import type { Jsonified } from "@/components/leads/types";
import { settingsKeys } from "@/components/settings/keys";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SelectField, TextareaField, TextField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { api, ApiError } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { useRefreshMeetings } from "./hooks";
import type { MeetingRow } from "./types";
import { fromWallTime, toWallTime } from "@/lib/client/zoned-time";
import type { GoogleOverview } from "@/lib/integrations/google/overview";

const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240] as const;

/** The inputs as typed: date and time are wall-clock values in the user's zone (zoned-time.ts). */
const formSchema = z.object({
  leadId: z.string().min(1, "leadRequired"),
  title: z.string().trim().max(300),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dateTimeRequired"),
  time: z.string().regex(/^\d{2}:\d{2}$/, "dateTimeRequired"),
  durationMinutes: z.coerce.number().int().min(5, "durationTooShort").max(480, "durationTooLong"),
  location: z.string().trim().max(1000),
  joinUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(2000)]),
  attendees: z.string().trim().max(1000),
  googleCalendar: z.boolean(),
});
type FormInput = z.input<typeof formSchema>;

/** Where the server's field errors land: its start and end are the form's date and time. */
const FIELD_OF: Record<string, keyof FormInput> = { startsAt: "date", endsAt: "time", leadId: "leadId" };

/**
 * A meeting entered by hand: new (for `leadId`, or a lead picked here on the meetings page), or
 * an existing manual meeting to edit — a new date or time reschedules it. Times are typed and
 * shown in the user's own time zone.
 */
export function MeetingFormDialog({
  meeting,
  leadId,
  trigger,
  onSaved,
}: {
  meeting?: MeetingRow;
  leadId?: string;
  trigger: ReactNode;
  onSaved?: (meeting: MeetingRow) => void;
}) {
  const t = useTranslations("meetings.form");
  const tc = useTranslations("common");
  const timeZone = useTimeZone() ?? "UTC";
  const refreshMeetings = useRefreshMeetings();
  const refreshLead = useRefreshLead();
  const [open, setOpen] = useState(false);

  const defaults = (): FormInput => {
    const start = meeting ? new Date(meeting.startsAt) : nextFullHour();
    const wall = toWallTime(start, timeZone);
    return {
      leadId: meeting?.leadId ?? leadId ?? "",
      title: meeting?.title ?? "",
      date: wall.date,
      time: wall.time,
      durationMinutes: meeting ? Math.round((new Date(meeting.endsAt).getTime() - start.getTime()) / 60_000) : 30,
      location: meeting?.location ?? "",
      joinUrl: meeting?.joinUrl ?? "",
      attendees: meeting?.attendees ?? "",
      googleCalendar: true,
    };
  };
  const { form, submit, formError, setFormError } = useApiForm(formSchema, { defaultValues: defaults() });
  // Only a new meeting asks: an existing one keeps the event it has (or has none).
  const google = useQuery({
    queryKey: settingsKeys.google(),
    queryFn: () => api<Jsonified<GoogleOverview>>("/api/v1/integrations/google"),
    enabled: open && !meeting,
  });
  const connection = google.data?.connection;
  const calendarOn =
    connection?.status === "connected" && connection.parts.calendar.enabled && connection.parts.calendar.granted;
  const errors = form.formState.errors;

  const onSubmit = submit(async (values) => {
    const startsAt = fromWallTime(values.date, values.time, timeZone);
    if (!startsAt) {
      form.setError("date", { message: t("dateInvalid") });
      return;
    }
    const body = {
      title: values.title,
      startsAt: startsAt.toISOString(),
      durationMinutes: values.durationMinutes,
      timezone: timeZone,
      location: values.location,
      joinUrl: values.joinUrl,
      attendees: values.attendees,
    };
    try {
      const saved = meeting
        ? await api<{ meeting: MeetingRow }>(`/api/v1/meetings/${meeting.id}`, { method: "PATCH", body })
        : await api<{ meeting: MeetingRow }>("/api/v1/meetings", {
            body: { ...body, leadId: values.leadId, googleCalendar: Boolean(calendarOn && values.googleCalendar) },
          });
      await Promise.all([refreshMeetings(), refreshLead(saved.meeting.leadId)]);
      setOpen(false);
      onSaved?.(saved.meeting);
    } catch (error) {
      const fields = error instanceof ApiError ? Object.entries(error.problem.errors ?? {}) : [];
      const mapped = fields.filter(([name]) => FIELD_OF[name]);
      if (!mapped.length) throw error;
      for (const [name, messages] of mapped) form.setError(FIELD_OF[name]!, { type: "server", message: messages[0] });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          form.reset(defaults());
          setFormError(null);
        }
        setOpen(next);
      }}
      trigger={trigger}
      title={meeting ? t("editTitle") : t("newTitle")}
      description={t("description", { timeZone })}
      size="lg"
    >
      <Form onSubmit={onSubmit} className="space-y-3" data-testid="meeting-form">
        {formError && <Alert tone="error">{formError}</Alert>}
        {!meeting && !leadId && (
          <LeadPicker
            value={form.watch("leadId")}
            onChange={(id) => form.setValue("leadId", id, { shouldValidate: true })}
            error={errors.leadId?.message}
          />
        )}
        <TextField
          label={t("title")}
          placeholder={t("titlePlaceholder")}
          {...form.register("title")}
          error={errors.title?.message}
        />
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField type="date" label={t("date")} {...form.register("date")} error={errors.date?.message} />
          <TextField type="time" label={t("time")} {...form.register("time")} error={errors.time?.message} />
          <SelectField
            label={t("duration")}
            {...form.register("durationMinutes")}
            error={errors.durationMinutes?.message}
          >
            {DURATIONS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t("minutes", { minutes })}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t("location")}
            placeholder={t("locationPlaceholder")}
            {...form.register("location")}
            error={errors.location?.message}
          />
          <TextField
            type="url"
            label={t("joinUrl")}
            placeholder="https://"
            {...form.register("joinUrl")}
            error={errors.joinUrl?.message}
          />
        </div>
        <TextareaField
          label={t("attendees")}
          rows={2}
          {...form.register("attendees")}
          error={errors.attendees?.message}
          hint={t("attendeesHint")}
        />
        {!meeting && google.isSuccess && (
          <GoogleCalendarChoice
            on={Boolean(calendarOn)}
            checked={form.watch("googleCalendar")}
            onChange={(checked) => form.setValue("googleCalendar", checked)}
          />
        )}
        <DialogActions cancelLabel={tc("cancel")}>
          <SubmitButton loading={form.formState.isSubmitting}>{meeting ? t("save") : t("create")}</SubmitButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
}

/**
 * Whether the new meeting goes into the user's Google Calendar too, with the lead invited: on by
 * default when their Calendar is connected; otherwise a hint where to connect it.
 */
function GoogleCalendarChoice({
  on,
  checked,
  onChange,
}: {
  on: boolean;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useTranslations("meetings.form");
  const id = useId();
  if (!on)
    return (
      <p className="text-xs text-subtle-foreground" data-testid="meeting-google-calendar-off">
        {t("googleCalendarOff")}{" "}
        <Link href="/settings/integrations" className="font-medium text-primary-text hover:underline">
          {t("googleCalendarConnect")}
        </Link>
      </p>
    );
  return (
    <div className="flex items-start gap-3">
      <Checkbox
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        data-testid="meeting-google-calendar"
        className="mt-0.5"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {t("googleCalendar")}
        </label>
        <p id={`${id}-hint`} className="text-xs text-subtle-foreground">
          {t("googleCalendarHint")}
        </p>
      </div>
    </div>
  );
}

const nextFullHour = () => new Date(Math.ceil((Date.now() + 60_000) / 3_600_000) * 3_600_000);

type LeadOption = { id: string; name: string; company: string | null };

/** The meetings page has no lead in view: search the leads the user can see and pick one. */
function LeadPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const t = useTranslations("meetings.form");
  const [query, setQuery] = useState("");
  const leads = useQuery({
    queryKey: leadKeys.search(query),
    queryFn: async () =>
      (await api<{ leads: LeadOption[] }>(`/api/v1/leads?limit=6${query ? `&q=${encodeURIComponent(query)}` : ""}`))
        .leads,
  });
  return (
    <div className="space-y-2">
      <TextField
        label={t("lead")}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t("leadSearch")}
        error={error}
      />
      <SelectField label={t("leadPick")} hideLabel value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("leadPick")}</option>
        {(leads.data ?? []).map((lead) => (
          <option key={lead.id} value={lead.id}>
            {lead.company ? `${lead.name} (${lead.company})` : lead.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
