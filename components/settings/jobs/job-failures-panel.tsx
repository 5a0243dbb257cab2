"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { RelativeTime } from "@/components/leads/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { JobFailure } from "@/lib/jobs/failures";
import { settingsKeys } from "../keys";

const QUERY_KEY = settingsKeys.jobFailures();

/** Queue names (lib/jobs/catalog.ts) → keys under jobs.queues; an unknown queue shows its name. */
const QUEUE_LABELS: Record<string, "processEvent" | "sendMessage" | "sweep" | "decay" | "prune"> = {
  "inbound.process-event": "processEvent",
  "inbox.send-message": "sendMessage",
  "inbox.sweep": "sweep",
  "leads.decay": "decay",
  "maintenance.prune": "prune",
};

/** The ids a job carried (messageId, eventId …): enough to find the record, without dumping payloads. */
function dataIds(data: Record<string, unknown>): [string, string][] {
  return Object.entries(data ?? {})
    .filter(
      ([key, value]) =>
        (typeof value === "string" || typeof value === "number") &&
        (/id$/i.test(key) || /^[0-9a-f-]{36}$/i.test(String(value))),
    )
    .map(([key, value]) => [key, String(value)]);
}

export function JobFailuresPanel({ initialFailures }: { initialFailures: JobFailure[] }) {
  const t = useTranslations("jobs");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const failures = useQuery({
    queryKey: QUERY_KEY,
    queryFn: async () => (await api<{ failures: JobFailure[] }>("/api/v1/job-failures")).failures,
    initialData: initialFailures,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api(`/api/v1/job-failures/${id}/retry`, { method: "POST" }),
    onMutate: () => setNotice(null),
    onSuccess: (_, id) => {
      setNotice({ tone: "success", text: t("retryQueued") });
      // Show "Retried just now" at once; the refetch brings the server's time.
      const retriedAt = new Date().toISOString();
      queryClient.setQueryData<JobFailure[]>(QUERY_KEY, (rows) =>
        rows?.map((row) => (row.id === id ? { ...row, retriedAt } : row)),
      );
    },
    onError: (error) => setNotice({ tone: "error", text: describe(error) }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: QUERY_KEY }),
  });
  // A retry from this tab can be newer than the minute-old clock: that is "now", not "in 1 second".
  const relative = (iso: string) => {
    const at = new Date(iso);
    return format.relativeTime(at, at > now ? at : now);
  };
  const label = (queue: string) => (QUEUE_LABELS[queue] ? t(`queues.${QUEUE_LABELS[queue]}`) : queue);
  const rows = failures.data ?? [];

  return (
    <Card title={t("title")} description={t("description")}>
      {notice && (
        <Alert tone={notice.tone} className="mb-3">
          {notice.text}
        </Alert>
      )}
      {failures.isError ? (
        <QueryErrorState query={failures} />
      ) : rows.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="job-failures-table">
            <THead>
              <TRow>
                <THeader>{t("job")}</THeader>
                <THeader>{t("failedAt")}</THeader>
                <THeader>{t("attempts")}</THeader>
                <THeader>{t("error")}</THeader>
                <THeader>{t("details")}</THeader>
                <THeader className="pe-0">
                  <span className="sr-only">{tc("actions")}</span>
                </THeader>
              </TRow>
            </THead>
            <TBody className="align-top">
              {rows.map((failure) => {
                const ids = dataIds(failure.data);
                const pending = retry.isPending && retry.variables === failure.id;
                return (
                  <TRow key={failure.id}>
                    <TCell className="py-3">
                      <p className="font-medium">{label(failure.queue)}</p>
                      <p className="font-mono text-xs whitespace-nowrap text-subtle-foreground">{failure.queue}</p>
                    </TCell>
                    <TCell className="py-3 whitespace-nowrap">
                      <RelativeTime date={failure.failedAt} />
                    </TCell>
                    <TCell className="py-3 tabular-nums">{format.number(failure.attempts)}</TCell>
                    <TCell className="max-w-md py-3">
                      <p className="line-clamp-3 text-xs break-words text-danger-text" title={failure.error}>
                        {failure.error}
                      </p>
                    </TCell>
                    <TCell className="py-3">
                      {ids.length ? (
                        <dl className="space-y-0.5 text-xs">
                          {ids.map(([key, value]) => (
                            <div key={key} className="flex gap-1">
                              <dt className="text-subtle-foreground">{key}</dt>
                              <dd className="max-w-[12rem] truncate font-mono" title={value}>
                                {value}
                              </dd>
                            </div>
                          ))}
                        </dl>
                      ) : (
                        <span className="text-faint-foreground">{t("noDetails")}</span>
                      )}
                    </TCell>
                    <TCell className="py-3 text-end whitespace-nowrap pe-0">
                      {failure.retriedAt ? (
                        <time
                          className="text-xs text-subtle-foreground"
                          dateTime={failure.retriedAt}
                          title={format.dateTime(new Date(failure.retriedAt), {
                            dateStyle: "medium",
                            timeStyle: "short",
                          })}
                        >
                          {t("retried", { time: relative(failure.retriedAt) })}
                        </time>
                      ) : (
                        <Button
                          size="sm"
                          variant="secondary"
                          loading={pending}
                          disabled={retry.isPending}
                          aria-label={t("retryLabel", { job: label(failure.queue) })}
                          onClick={() => retry.mutate(failure.id)}
                        >
                          {t("retry")}
                        </Button>
                      )}
                    </TCell>
                  </TRow>
                );
              })}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
