"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { SelectField, TextField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { api, ApiError } from "@/lib/client/api";
import { NOTIFICATION_CATEGORIES, CHANNELS, type Category, type Channel } from "@/lib/notifications/categories";
import type { NotificationSettings } from "@/lib/notifications/settings";
import { useNotificationSettings, type NotificationSettingsResponse as SettingsResponse } from "./hooks";
import { notificationKeys } from "./keys";
import { PushControls } from "./push-controls";
type SettingsFields = Omit<NotificationSettings, "phone"> & { phone: string };

function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}

/** Settings → Notifications: the category × channel matrix, quiet and working hours, time zone, reminders, SMS number, web push. */
export function NotificationSettingsForm() {
  const tn = useTranslations("notifications");
  const query = useNotificationSettings();
  if (query.isPending) return <LoadingState label={tn("loading")} />;
  if (query.isError) return <QueryErrorState query={query} message={tn("loadError")} />;
  return <SettingsEditor initial={query.data} />;
}

function SettingsEditor({ initial }: { initial: SettingsResponse }) {
  const t = useTranslations("notifications.settings");
  const tn = useTranslations("notifications");
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SettingsFields>(() => {
    // Until the first save, suggest the browser's own zone instead of the server default.
    const zone = !initial.saved ? browserTimeZone() : null;
    return { ...initial.settings, timezone: zone ?? initial.settings.timezone, phone: initial.settings.phone ?? "" };
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [savedAt, setSavedAt] = useState<number | null>(null);

  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf("timeZone");
    } catch {
      return [];
    }
  }, []);

  const save = useMutation({
    mutationFn: (value: SettingsFields) =>
      api<SettingsResponse>("/api/v1/notification-settings", {
        method: "PUT",
        body: { ...value, phone: value.phone.trim() || null },
      }),
    onSuccess: (data) => {
      setErrors({});
      setSavedAt(Date.now());
      queryClient.setQueryData(notificationKeys.settings(), data);
      setForm({ ...data.settings, phone: data.settings.phone ?? "" });
    },
    onError: (error) => setErrors(error instanceof ApiError ? (error.problem.errors ?? {}) : {}),
  });

  const set = (patch: Partial<SettingsFields>) => {
    setForm({ ...form, ...patch });
    setSavedAt(null);
  };
  const toggle = (category: Category, channel: Channel, value: boolean) =>
    set({ channels: { ...form.channels, [category]: { ...form.channels[category], [channel]: value } } });
  const error = (key: string) => errors[key]?.[0];
  const zoneList = zones.includes(form.timezone) ? zones : [form.timezone, ...zones];

  return (
    <Form
      className="space-y-8"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(form);
      }}
    >
      <section className="space-y-3">
        <div>
          <h2 className="text-lg font-semibold">{t("channelsTitle")}</h2>
          <p className="text-sm text-subtle-foreground">{t("channelsHint")}</p>
        </div>
        <div className="overflow-x-auto rounded-md border border-border">
          <Table>
            <THead className="bg-table-header text-sm text-foreground normal-case">
              <TRow>
                <THeader className="px-3 font-medium">{t("category")}</THeader>
                {CHANNELS.map((channel) => (
                  <THeader key={channel} className="px-3 text-center font-medium">
                    {tn(`channel.${channel}`)}
                  </THeader>
                ))}
              </TRow>
            </THead>
            <TBody>
              {NOTIFICATION_CATEGORIES.map((category) => (
                <TRow key={category}>
                  <THeader scope="row" className="px-3 font-normal">
                    <span className="block font-medium">{tn(`category.${category}`)}</span>
                    <span className="block text-xs text-subtle-foreground">{t(`categoryHint.${category}`)}</span>
                  </THeader>
                  {CHANNELS.map((channel) => (
                    <TCell key={channel} className="px-3 text-center">
                      <Checkbox
                        role="switch"
                        aria-checked={form.channels[category][channel]}
                        data-testid={`switch-${category}-${channel}`}
                        aria-label={t("switchLabel", {
                          category: tn(`category.${category}`),
                          channel: tn(`channel.${channel}`),
                        })}
                        checked={form.channels[category][channel]}
                        onChange={(e) => toggle(category, channel, e.target.checked)}
                      />
                    </TCell>
                  ))}
                </TRow>
              ))}
            </TBody>
          </Table>
        </div>
      </section>

      <section className="grid gap-4 sm:grid-cols-2">
        <h2 className="text-lg font-semibold sm:col-span-2">{t("whenTitle")}</h2>
        <SelectField
          label={t("timezone")}
          value={form.timezone}
          onChange={(e) => set({ timezone: e.target.value })}
          error={error("timezone")}
          data-testid="timezone"
        >
          {zoneList.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("reminderMinutes")}
          type="number"
          min={0}
          max={1440}
          value={Number.isFinite(form.meetingReminderMinutes) ? form.meetingReminderMinutes : ""}
          onChange={(e) => set({ meetingReminderMinutes: e.target.value === "" ? NaN : Number(e.target.value) })}
          error={error("meetingReminderMinutes")}
          hint={t("reminderHint")}
          data-testid="reminder-minutes"
        />
        <fieldset className="space-y-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">{t("quietTitle")}</legend>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox
              checked={form.quietHours.enabled}
              onChange={(e) => set({ quietHours: { ...form.quietHours, enabled: e.target.checked } })}
              data-testid="quiet-enabled"
            />
            {t("quietEnabled")}
          </label>
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label={t("from")}
              type="time"
              value={form.quietHours.start}
              disabled={!form.quietHours.enabled}
              onChange={(e) => set({ quietHours: { ...form.quietHours, start: e.target.value } })}
              error={error("quietHours.start")}
            />
            <TextField
              label={t("until")}
              type="time"
              value={form.quietHours.end}
              disabled={!form.quietHours.enabled}
              onChange={(e) => set({ quietHours: { ...form.quietHours, end: e.target.value } })}
              error={error("quietHours.end")}
            />
          </div>
          <label className="flex items-start gap-2 text-sm">
            <Checkbox
              checked={form.allowUrgentDuringQuiet}
              onChange={(e) => set({ allowUrgentDuringQuiet: e.target.checked })}
              className="mt-0.5"
              data-testid="allow-urgent"
            />
            <span>
              {t("allowUrgent")}
              <span className="block text-xs text-subtle-foreground">{t("allowUrgentHint")}</span>
            </span>
          </label>
          <p className="text-xs text-subtle-foreground">{t("quietHint")}</p>
        </fieldset>
        <fieldset className="space-y-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">{t("workingTitle")}</legend>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox
              checked={form.workingHours.enabled}
              onChange={(e) => set({ workingHours: { ...form.workingHours, enabled: e.target.checked } })}
            />
            {t("workingEnabled")}
          </label>
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label={t("from")}
              type="time"
              value={form.workingHours.start}
              disabled={!form.workingHours.enabled}
              onChange={(e) => set({ workingHours: { ...form.workingHours, start: e.target.value } })}
              error={error("workingHours.start")}
            />
            <TextField
              label={t("until")}
              type="time"
              value={form.workingHours.end}
              disabled={!form.workingHours.enabled}
              onChange={(e) => set({ workingHours: { ...form.workingHours, end: e.target.value } })}
              error={error("workingHours.end")}
            />
          </div>
          <p className="text-xs text-subtle-foreground">{t("workingHint")}</p>
        </fieldset>
      </section>

      <section className="grid gap-4 sm:grid-cols-2">
        <h2 className="text-lg font-semibold sm:col-span-2">{t("devicesTitle")}</h2>
        <TextField
          label={t("phone")}
          type="tel"
          autoComplete="tel"
          value={form.phone}
          placeholder="+41 79 123 45 67"
          onChange={(e) => set({ phone: e.target.value })}
          error={error("phone")}
          hint={t("phoneHint")}
          data-testid="sms-phone"
        />
        <PushControls available={initial.push.available} />
      </section>

      <div className="flex items-center gap-3">
        <SubmitButton loading={save.isPending} data-testid="save-notification-settings">
          {t("save")}
        </SubmitButton>
        {savedAt && (
          <span role="status" className="text-sm text-success-text">
            {t("saved")}
          </span>
        )}
        {save.isError && !Object.keys(errors).length && <Alert tone="error">{save.error.message}</Alert>}
        {save.isError && Object.keys(errors).length > 0 && (
          <span role="alert" className="text-sm text-danger-text">
            {t("fixErrors")}
          </span>
        )}
      </div>
    </Form>
  );
}
