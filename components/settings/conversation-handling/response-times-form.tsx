"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useSaveResponseTimes } from "@/components/inbox/handling-hooks";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { Checkbox, Input } from "@/components/ui/input";
import { useErrorText } from "@/lib/client/use-error-text";
import type { ResponseTimeSettings } from "@/lib/inbox/sla-settings";
import { WEEKDAYS, type WorkingHours } from "@/lib/inbox/working-hours";
import { ApiError } from "@/lib/client/api";

/** Settings → Inbox: working hours and the response-time target per channel (admins change them). */
export function ResponseTimesForm({ initial, canManage }: { initial: ResponseTimeSettings; canManage: boolean }) {
  const t = useTranslations("conversationHandling.sla");
  const save = useSaveResponseTimes();
  const describe = useErrorText();
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [hours, setHours] = useState<WorkingHours>(initial.workingHours);
  const [targets, setTargets] = useState(
    Object.fromEntries(initial.targets.map((c) => [c.channelId, c.targetMinutes?.toString() ?? ""])),
  );
  const [saved, setSaved] = useState(false);
  const fieldErrors = save.error instanceof ApiError ? (save.error.problem.errors ?? {}) : {};

  const submit = () => {
    setSaved(false);
    save.mutate(
      {
        timeZone,
        workingHours: hours,
        targets: initial.targets.map((c) => ({
          channelId: c.channelId,
          targetMinutes: targets[c.channelId] ? Number(targets[c.channelId]) : null,
        })),
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Card title={t("title")} description={canManage ? t("description") : t("readOnly")}>
      <Form
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset disabled={!canManage || save.isPending} className="space-y-5">
          <TextField
            label={t("timeZone")}
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            error={fieldErrors.timeZone?.[0]}
            className="max-w-xs"
          />
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-foreground-soft">{t("workingHours")}</legend>
            <div className="grid gap-2">
              {WEEKDAYS.map((day) => {
                const span = hours[day];
                const dayName = t(`days.${day}`);
                return (
                  <div key={day} className="flex flex-wrap items-center gap-3 text-sm">
                    <label className="flex w-36 items-center gap-2">
                      <Checkbox
                        checked={Boolean(span)}
                        aria-label={t("worked", { day: dayName })}
                        onChange={(e) =>
                          setHours((h) => ({
                            ...h,
                            [day]: e.target.checked ? { start: "09:00", end: "17:00" } : undefined,
                          }))
                        }
                      />
                      {dayName}
                    </label>
                    {span && (
                      <>
                        <Input
                          type="time"
                          size="sm"
                          className="w-32"
                          aria-label={t("start", { day: dayName })}
                          value={span.start}
                          onChange={(e) => setHours((h) => ({ ...h, [day]: { ...span, start: e.target.value } }))}
                        />
                        <Input
                          type="time"
                          size="sm"
                          className="w-32"
                          aria-label={t("end", { day: dayName })}
                          value={span.end}
                          onChange={(e) => setHours((h) => ({ ...h, [day]: { ...span, end: e.target.value } }))}
                        />
                        {fieldErrors[`workingHours.${day}.end`]?.[0] && (
                          <span role="alert" className="text-danger-text">
                            {fieldErrors[`workingHours.${day}.end`]![0]}
                          </span>
                        )}
                      </>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-foreground-soft">{t("targets")}</legend>
            {initial.targets.length === 0 ? (
              <p className="text-sm text-subtle-foreground">{t("noChannels")}</p>
            ) : (
              <div className="grid gap-3 sm:grid-cols-2">
                {initial.targets.map((c, index) => (
                  <TextField
                    key={c.channelId}
                    label={t("targetFor", { channel: `${c.label} (${c.address})` })}
                    type="number"
                    min={1}
                    max={10080}
                    placeholder={t("noTarget")}
                    value={targets[c.channelId] ?? ""}
                    onChange={(e) => setTargets((all) => ({ ...all, [c.channelId]: e.target.value }))}
                    error={fieldErrors[`targets.${index}.targetMinutes`]?.[0]}
                  />
                ))}
              </div>
            )}
          </fieldset>
        </fieldset>
        {save.isError && !Object.keys(fieldErrors).length && <Alert tone="error">{describe(save.error)}</Alert>}
        {saved && (
          <p role="status" className="text-sm text-success-text">
            {t("saved")}
          </p>
        )}
        {canManage && (
          <SubmitButton loading={save.isPending} data-testid="response-times-save">
            {t("save")}
          </SubmitButton>
        )}
      </Form>
    </Card>
  );
}
