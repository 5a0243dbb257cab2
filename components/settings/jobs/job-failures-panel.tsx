"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { RelativeTime } from "@/components/leads/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { api, errorText } from "@/lib/client/api";
import type { JobFailure } from "@/lib/jobs/failures";

const QUERY_KEY = ["job-failures"] as const;

/** Queue names (lib/jobs/catalog.ts) → keys under jobs.queues; an unknown queue shows its name. */
const QUEUE_LABELS: Record<string, "processEvent" | "sendMessage" | "sweep" | "decay" | "prune"> = {
  "inbox.process-event": "processEvent",
  "inbox.send-message": "sendMessage",
  "inbox.sweep": "sweep",
  "leads.decay": "decay",
  "maintenance.prune": "prune",
};

/** The ids a job carried (messageId, eventId …): enough to find the record, without dumping payloads. */
function dataIds(data: Record<string, unknown>): [string, string][] {
  return Object.entries(data ?? {})
    .filter(([key, value]) => (typeof value === "string" || typeof value === "number") && (/id$/i.test(key) || /^[0-9a-f-]{36}$/i.test(String(value))))
    .map(([key, value]) => [key, String(value)]);
}

export function JobFailuresPanel({ initialFailures }: { initialFailures: JobFailure[] }) {
  const t = useTranslations("jobs");
  const tc = useTranslations("common");
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
      queryClient.setQueryData<JobFailure[]>(QUERY_KEY, (rows) => rows?.map((row) => (row.id === id ? { ...row, retriedAt } : row)));
    },
    onError: (error) => setNotice({ tone: "error", text: errorText(error) }),
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
        <ErrorState
          message={tc("loadError")}
          retry={
            <Button size="sm" variant="secondary" onClick={() => failures.refetch()}>
              {tc("retry")}
            </Button>
          }
        />
      ) : rows.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="job-failures-table">
            <thead className="text-xs text-zinc-500 uppercase">
              <tr>
                <th className="py-2 pe-4">{t("job")}</th>
                <th className="py-2 pe-4">{t("failedAt")}</th>
                <th className="py-2 pe-4">{t("attempts")}</th>
                <th className="py-2 pe-4">{t("error")}</th>
                <th className="py-2 pe-4">{t("details")}</th>
                <th className="py-2">
                  <span className="sr-only">{tc("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 align-top dark:divide-zinc-800">
              {rows.map((failure) => {
                const ids = dataIds(failure.data);
                const pending = retry.isPending && retry.variables === failure.id;
                return (
                  <tr key={failure.id}>
                    <td className="py-3 pe-4">
                      <p className="font-medium">{label(failure.queue)}</p>
                      <p className="font-mono text-xs whitespace-nowrap text-zinc-500">{failure.queue}</p>
                    </td>
                    <td className="py-3 pe-4 whitespace-nowrap">
                      <RelativeTime date={failure.failedAt} />
                    </td>
                    <td className="py-3 pe-4 tabular-nums">{format.number(failure.attempts)}</td>
                    <td className="max-w-md py-3 pe-4">
                      <p className="line-clamp-3 text-xs break-words text-red-700 dark:text-red-400" title={failure.error}>
                        {failure.error}
                      </p>
                    </td>
                    <td className="py-3 pe-4">
                      {ids.length ? (
                        <dl className="space-y-0.5 text-xs">
                          {ids.map(([key, value]) => (
                            <div key={key} className="flex gap-1">
                              <dt className="text-zinc-500">{key}</dt>
                              <dd className="max-w-[12rem] truncate font-mono" title={value}>
                                {value}
                              </dd>
                            </div>
                          ))}
                        </dl>
                      ) : (
                        <span className="text-zinc-400">{t("noDetails")}</span>
                      )}
                    </td>
                    <td className="py-3 text-end whitespace-nowrap">
                      {failure.retriedAt ? (
                        <time
                          className="text-xs text-zinc-500"
                          dateTime={failure.retriedAt}
                          title={format.dateTime(new Date(failure.retriedAt), { dateStyle: "medium", timeStyle: "short" })}
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
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
