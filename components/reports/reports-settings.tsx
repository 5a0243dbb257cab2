"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useApiForm } from "@/lib/client/use-api-form";
import { subscriptionInputSchema, type ReportRun, type ReportSubscription } from "@/lib/reports/schema";
import {
  subscriptionsPath,
  useDeleteSubscription,
  useRefreshReports,
  useRuns,
  useSendNow,
  useSubscriptions,
  useUpdateSubscription,
} from "./hooks";

type ProjectOption = { id: string; name: string };

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const DAYS = Array.from({ length: 31 }, (_, d) => d + 1);
const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** ISO weekday (1 = Monday) in the reader's language: 1 January 2024 was a Monday. */
function useWeekdayName() {
  const locale = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
    return (weekday: number) => format.format(new Date(Date.UTC(2024, 0, weekday)));
  }, [locale]);
}

/** Settings → Reports: subscribe, the list of scheduled reports, and the history of sent ones. */
export function ReportsSettings({
  initialSubscriptions,
  initialRuns,
  projects,
  defaultTimeZone,
}: {
  initialSubscriptions: ReportSubscription[];
  initialRuns: ReportRun[];
  projects: ProjectOption[];
  defaultTimeZone: string;
}) {
  const [waiting, setWaiting] = useState(false);
  return (
    <div className="space-y-6">
      <SubscribeForm projects={projects} defaultTimeZone={defaultTimeZone} />
      <SubscriptionList initial={initialSubscriptions} onSent={() => setWaiting(true)} />
      <RunHistory initial={initialRuns} waiting={waiting} />
    </div>
  );
}

function SubscribeForm({ projects, defaultTimeZone }: { projects: ProjectOption[]; defaultTimeZone: string }) {
  const t = useTranslations("reports.settings");
  const format = useFormatter();
  const weekdayName = useWeekdayName();
  const [created, setCreated] = useState<ReportSubscription | null>(null);
  const refresh = useRefreshReports();
  const zones = useMemo(() => {
    let all: string[] = [];
    try {
      all = Intl.supportedValuesOf("timeZone");
    } catch {
      all = [];
    }
    return all.includes(defaultTimeZone) ? all : [defaultTimeZone, ...all];
  }, [defaultTimeZone]);
  const { form, submit, formError } = useApiForm(subscriptionInputSchema, {
    defaultValues: {
      cadence: "weekly",
      weekday: 1,
      dayOfMonth: 1,
      hour: 8,
      timeZone: defaultTimeZone,
      projectId: null,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const cadence = form.watch("cadence");
  const number = { setValueAs: (value: string) => (value === "" ? null : Number(value)) };

  return (
    <Card title={t("newTitle")} description={t("description")}>
      <Form
        className="grid gap-3 sm:grid-cols-3 sm:items-end"
        data-testid="report-subscribe-form"
        onSubmit={submit(async (values) => {
          setCreated(null);
          const { subscription } = await api<{ subscription: ReportSubscription }>(subscriptionsPath, { body: values });
          setCreated(subscription);
          await refresh();
        })}
      >
        <SelectField label={t("cadence")} error={errors.cadence?.message} {...form.register("cadence")}>
          <option value="weekly">{t("weekly")}</option>
          <option value="monthly">{t("monthly")}</option>
        </SelectField>
        {cadence === "monthly" ? (
          <SelectField
            label={t("dayOfMonth")}
            hint={t("dayOfMonthHint")}
            error={errors.dayOfMonth?.message}
            {...form.register("dayOfMonth", number)}
          >
            {DAYS.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </SelectField>
        ) : (
          <SelectField label={t("weekday")} error={errors.weekday?.message} {...form.register("weekday", number)}>
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {weekdayName(day)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t("hour")} error={errors.hour?.message} {...form.register("hour", number)}>
          {HOURS.map((hour) => (
            <option key={hour} value={hour}>
              {hourLabel(hour)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("timeZone")} error={errors.timeZone?.message} {...form.register("timeZone")}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("project")}
          error={errors.projectId?.message}
          {...form.register("projectId", { setValueAs: (value: string) => value || null })}
        >
          <option value="">{t("allProjects")}</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </SelectField>
        <SubmitButton loading={isSubmitting}>{t("subscribe")}</SubmitButton>
      </Form>
      {formError && (
        <Alert tone="error" className="mt-3">
          {formError}
        </Alert>
      )}
      {created && (
        <Alert tone="success" className="mt-3">
          {t("subscribed", {
            when: format.dateTime(new Date(created.nextRunAt), {
              dateStyle: "full",
              timeStyle: "short",
              timeZone: created.timeZone,
            }),
          })}
        </Alert>
      )}
    </Card>
  );
}

function SubscriptionList({ initial, onSent }: { initial: ReportSubscription[]; onSent: () => void }) {
  const t = useTranslations("reports.settings");
  const common = useTranslations("common");
  const describe = useErrorText();
  const format = useFormatter();
  const weekdayName = useWeekdayName();
  const subscriptions = useSubscriptions(initial);
  const update = useUpdateSubscription();
  const remove = useDeleteSubscription();
  const sendNow = useSendNow();
  const [sentId, setSentId] = useState<string | null>(null);
  const failure = update.error ?? remove.error ?? sendNow.error;

  const schedule = (s: ReportSubscription) =>
    s.cadence === "weekly"
      ? t("everyWeek", { weekday: weekdayName(s.weekday ?? 1), hour: hourLabel(s.hour) })
      : t("everyMonth", { day: s.dayOfMonth ?? 1, hour: hourLabel(s.hour) });

  return (
    <Card title={t("listTitle")}>
      {failure && (
        <Alert tone="error" className="mb-3">
          {describe(failure)}
        </Alert>
      )}
      {sentId && (
        <Alert tone="success" className="mb-3">
          {t("sending")}
        </Alert>
      )}
      {subscriptions.isError ? (
        <ErrorState message={t("loadFailed")} />
      ) : !subscriptions.data.length ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-border" data-testid="report-subscriptions">
          {subscriptions.data.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              data-testid="report-subscription"
            >
              <div className="min-w-0 space-y-0.5">
                <p className="text-sm font-medium">
                  {schedule(s)} · {s.timeZone}{" "}
                  {s.active ? <Badge tone="success">{t("active")}</Badge> : <Badge>{t("paused")}</Badge>}
                </p>
                <p className="text-xs text-subtle-foreground">
                  {s.projectName ?? t("allProjects")}
                  {s.active &&
                    ` · ${t("next", {
                      when: format.dateTime(new Date(s.nextRunAt), {
                        dateStyle: "medium",
                        timeStyle: "short",
                        timeZone: s.timeZone,
                      }),
                    })}`}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  loading={sendNow.isPending && sendNow.variables === s.id}
                  onClick={() =>
                    sendNow.mutate(s.id, {
                      onSuccess: () => {
                        setSentId(s.id);
                        onSent();
                      },
                    })
                  }
                >
                  {t("sendNow")}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={update.isPending && update.variables?.id === s.id}
                  onClick={() => update.mutate({ id: s.id, patch: { active: !s.active } })}
                >
                  {s.active ? t("pause") : t("resume")}
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="ghost">
                      {t("delete")}
                    </Button>
                  }
                  title={t("deleteTitle")}
                  description={t("deleteBody")}
                  confirmLabel={t("delete")}
                  cancelLabel={common("cancel")}
                  onConfirm={async () => {
                    await remove.mutateAsync(s.id);
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function RunHistory({ initial, waiting }: { initial: ReportRun[]; waiting: boolean }) {
  const t = useTranslations("reports.settings");
  const format = useFormatter();
  const runs = useRuns(initial, waiting);
  const day = (value: string) =>
    format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <Card title={t("historyTitle")}>
      {runs.isError ? (
        <ErrorState message={t("loadFailed")} />
      ) : !runs.data.length ? (
        <EmptyState title={t("historyEmpty")} />
      ) : (
        <Table data-testid="report-runs">
          <THead>
            <TRow>
              <THeader>{t("period")}</THeader>
              <THeader>{t("project")}</THeader>
              <THeader>{t("status")}</THeader>
              <THeader>{t("created")}</THeader>
              <THeader>
                <span className="sr-only">{t("download")}</span>
              </THeader>
            </TRow>
          </THead>
          <TBody>
            {runs.data.map((run) => (
              <TRow key={run.id} data-testid="report-run" data-status={run.status}>
                <TCell>{t("periodValue", { from: day(run.periodFrom), to: day(run.periodTo) })}</TCell>
                <TCell>{run.projectName ?? t("allProjects")}</TCell>
                <TCell>
                  <Badge tone={run.status === "sent" ? "success" : run.status === "failed" ? "danger" : "info"}>
                    {t(`statuses.${run.status}`)}
                  </Badge>
                  {run.errorKind && (
                    <span className="ms-2 text-xs text-subtle-foreground">{t(`errorKinds.${run.errorKind}`)}</span>
                  )}
                </TCell>
                <TCell>{format.dateTime(new Date(run.createdAt), { dateStyle: "medium", timeStyle: "short" })}</TCell>
                <TCell className="text-end">
                  {run.hasPdf && (
                    <a
                      className={buttonVariants({ variant: "link", size: "sm" })}
                      href={`/api/v1/reports/runs/${run.id}/pdf`}
                      download
                    >
                      {t("download")}
                    </a>
                  )}
                </TCell>
              </TRow>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
