"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UserText } from "@/components/ui/bidi";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorText } from "@/lib/client/use-error-text";
import { useCancelRun, useRun, useRuns } from "./hooks";
import type { RunSummary } from "./types";

const TONE = { pending: "neutral", sent: "success", skipped: "warning", failed: "danger" } as const;

function Counts({ run }: { run: RunSummary }) {
  const t = useTranslations("outreach.report");
  return (
    <span className="flex flex-wrap gap-2 text-xs">
      {(["sent", "skipped", "failed", "pending"] as const).map((k) => (
        <Badge key={k} tone={TONE[k]}>
          {t(`counts.${k}`, { count: run.counts[k] })}
        </Badge>
      ))}
    </span>
  );
}

/** Every bulk send this member may read, newest first, each opening its report. */
export function RunList() {
  const t = useTranslations("outreach.report");
  const format = useFormatter();
  const describe = useErrorText();
  const runs = useRuns();
  if (runs.isPending) return <LoadingState label={t("loading")} />;
  if (runs.isError) return <ErrorState message={describe(runs.error)} />;
  if (!runs.data.length) return <EmptyState title={t("none")} />;
  return (
    <ul className="divide-y divide-border rounded-lg border border-border bg-surface" data-testid="outreach-runs">
      {runs.data.map((run) => (
        <li key={run.id}>
          <Link
            href={`/leads/outreach/${run.id}`}
            className="flex flex-wrap items-center gap-3 p-3 hover:bg-surface-hover"
          >
            <span className="font-medium">
              <UserText>{run.templateName}</UserText>
            </span>
            <span className="text-xs text-subtle-foreground">
              {format.dateTime(new Date(run.createdAt), { dateStyle: "medium", timeStyle: "short" })}
            </span>
            <Counts run={run} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** One bulk send: sent, skipped with the reason, failed, per lead; refreshed while it runs. */
export function RunReport({ id }: { id: string }) {
  const t = useTranslations("outreach.report");
  const format = useFormatter();
  const describe = useErrorText();
  const report = useRun(id);
  const tc = useTranslations("common");
  const cancel = useCancelRun(id);
  if (report.isPending) return <LoadingState label={t("loading")} />;
  if (report.isError) return <ErrorState message={describe(report.error)} />;
  const { run, recipients } = report.data;
  return (
    <Card
      title={<UserText>{run.templateName}</UserText>}
      description={t("summary", {
        status: t(`status.${run.status}`),
        rate: run.ratePerMinute,
        at: format.dateTime(new Date(run.createdAt), { dateStyle: "medium", timeStyle: "short" }),
      })}
      actions={
        <span className="flex flex-wrap items-center gap-2">
          <Counts run={run} />
          {run.status === "running" && (
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="secondary" data-testid="outreach-cancel">
                  {t("cancel")}
                </Button>
              }
              title={t("cancelTitle")}
              description={t("cancelBody", { count: run.counts.pending })}
              confirmLabel={t("cancel")}
              cancelLabel={tc("cancel")}
              onConfirm={async () => void (await cancel.mutateAsync().catch(() => undefined))}
            />
          )}
        </span>
      }
    >
      {cancel.isError && <Alert tone="error">{describe(cancel.error)}</Alert>}
      <table className="w-full text-sm" data-testid="outreach-report">
        <thead>
          <tr className="text-start text-xs text-subtle-foreground">
            <th className="py-1 text-start font-medium">{t("lead")}</th>
            <th className="py-1 text-start font-medium">{t("outcome")}</th>
            <th className="py-1 text-start font-medium">{t("reason")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {recipients.map((r) => (
            <tr key={r.leadId} data-testid="outreach-recipient" data-status={r.status}>
              <td className="py-1.5">
                <Link href={`/leads/${r.leadId}`} className="underline">
                  <UserText>{r.leadName ?? t("unknownLead")}</UserText>
                </Link>
              </td>
              <td className="py-1.5">
                <Badge tone={TONE[r.status]}>{t(`outcomes.${r.status}`)}</Badge>
              </td>
              <td className="py-1.5 text-secondary-foreground">{r.reason ? t(`reasons.${r.reason}`) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
