"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { Jsonified } from "@/components/leads/types";
import { RelativeTime } from "@/components/leads/relative-time";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { GooglePart } from "@/lib/integrations/google/parts";
import { renderSyncError, type SyncJobItem } from "@/lib/sync/kinds";
import { settingsKeys } from "../keys";

type Job = Jsonified<SyncJobItem>;

const active = (job: Job | undefined) => job?.status === "queued" || job?.status === "running";

/** The user's recent sync jobs; polled while one is waiting or running, so progress moves on screen. */
function useSyncJobs() {
  return useQuery({
    queryKey: settingsKeys.googleSync(),
    queryFn: () => api<{ jobs: Job[] }>("/api/v1/sync/jobs?limit=40"),
    refetchInterval: (query) => (query.state.data?.jobs.some(active) ? 2_000 : false),
  });
}

function useSyncNow(part: GooglePart) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/api/v1/sync/${part}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.googleSync() }),
  });
}

/**
 * Per part the user turned on: the last finished sync (when, what it did), a running sync's
 * progress, the last error, and "Sync now" where that part can be synced on demand.
 */
export function GoogleSyncStatus({ parts }: { parts: GooglePart[] }) {
  const jobs = useSyncJobs();
  if (!parts.length) return null;
  return (
    <div className="space-y-3" data-testid="google-sync">
      {parts.map((part) => (
        <PartSync key={part} part={part} jobs={(jobs.data?.jobs ?? []).filter((j) => j.target === part)} />
      ))}
    </div>
  );
}

/** Which parts have a "Sync now" (each has a `POST /api/v1/sync/<part>`). */
const ON_DEMAND: Record<GooglePart, boolean> = { gmail: true, calendar: true };

function PartSync({ part, jobs }: { part: GooglePart; jobs: Job[] }) {
  const t = useTranslations("integrations.google.sync");
  const tg = useTranslations("integrations.google");
  const describe = useErrorText();
  const syncNow = useSyncNow(part);
  const latest = jobs[0];
  const finished = jobs.find((j) => j.finishedAt);
  const running = active(latest) ? latest : undefined;
  const headingId = `google-sync-${part}`;
  const counts = (job: Job) => t("counts", job.counts);
  return (
    <section aria-labelledby={headingId} className="space-y-1 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-medium">
          {t(`title.${part}`)}
        </h3>
        {ON_DEMAND[part] && (
          <Button
            size="sm"
            variant="secondary"
            loading={syncNow.isPending}
            disabled={Boolean(running)}
            onClick={() => syncNow.mutate()}
            data-testid={`google-sync-now-${part}`}
          >
            {t("syncNow")}
          </Button>
        )}
      </div>
      {running && (
        // A running sync says how far it got; an initial one has no total, so the bar is indeterminate.
        <div role="status" aria-live="polite" className="space-y-1">
          <progress className="h-1.5 w-full accent-primary" aria-label={t(`running.${running.kind}`)} />
          <p className="text-xs text-subtle-foreground">
            {running.status === "queued" ? t("queued") : `${t(`running.${running.kind}`)} · ${counts(running)}`}
          </p>
        </div>
      )}
      <p className="text-xs text-subtle-foreground" data-testid={`google-sync-last-${part}`}>
        {finished ? (
          <>
            {t("lastSync")} <RelativeTime date={finished.finishedAt!} /> · {counts(finished)}
          </>
        ) : (
          `${t("lastSync")} ${tg("never")}`
        )}
      </p>
      {finished?.status === "failed" && finished.error && (
        <p className="text-xs text-danger-text" role="alert" data-testid={`google-sync-error-${part}`}>
          {renderSyncError(finished.error, t)}
        </p>
      )}
      {syncNow.isError && (
        <p className="text-xs text-danger-text" role="alert">
          {describe(syncNow.error)}
        </p>
      )}
    </section>
  );
}
