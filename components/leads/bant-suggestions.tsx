"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useLiveEvent } from "@/components/realtime/live-events";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { api, ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { BantSuggestion } from "@/lib/approvals/types";
import { BANT_DOT } from "./bant-dots";
import { leadKeys } from "./keys";
import { RelativeTime } from "./relative-time";
import type { Jsonified, LeadData } from "./types";

type Suggestion = Jsonified<BantSuggestion>;

/**
 * BANT evidence the agent read out of the lead's messages but was not sure enough to apply.
 * Accepting applies it through the scoring engine (with the quote as the explanation); dismissing
 * drops it. Hidden while there is nothing to decide.
 */
export function BantSuggestions({
  leadId,
  disabled,
  onAccepted,
}: {
  leadId: string;
  disabled: boolean;
  onAccepted: (lead: LeadData) => Promise<void>;
}) {
  const t = useTranslations("aiPanel");
  const tl = useTranslations("leads");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const key = leadKeys.bantSuggestions(leadId);
  const suggestions = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await api<{ suggestions: Suggestion[] }>(`/api/v1/leads/${leadId}/bant-suggestions`)).suggestions,
  });
  // New findings arrive with the agent's drafts.
  useLiveEvent("hil_tasks", () => void queryClient.invalidateQueries({ queryKey: key }));
  const [error, setError] = useState<string | null>(null);

  const drop = (id: string) => queryClient.setQueryData<Suggestion[]>(key, (list) => list?.filter((s) => s.id !== id));
  const decide = useMutation({
    mutationFn: async ({ suggestion, accept }: { suggestion: Suggestion; accept: boolean }) =>
      accept
        ? (
            await api<{ lead: LeadData }>(`/api/v1/leads/${leadId}/bant-suggestions/${suggestion.id}/accept`, {
              method: "POST",
            })
          ).lead
        : (await api(`/api/v1/leads/${leadId}/bant-suggestions/${suggestion.id}/dismiss`, { method: "POST" }), null),
    onMutate: () => setError(null),
    onSuccess: async (lead, { suggestion }) => {
      drop(suggestion.id);
      if (lead) await onAccepted(lead);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e, { suggestion }) => {
      setError(describe(e));
      // Gone already (someone else decided): take it off the list.
      if (e instanceof ApiError && (e.status === 404 || e.status === 409)) drop(suggestion.id);
    },
  });

  if (suggestions.isError) {
    return (
      <Card title={t("bant.title")}>
        <Alert tone="error" className="flex items-center justify-between gap-2">
          <span>{suggestions.error instanceof ApiError ? suggestions.error.message : String(suggestions.error)}</span>
          <Button size="sm" variant="secondary" onClick={() => void suggestions.refetch()}>
            {t("bant.retry")}
          </Button>
        </Alert>
      </Card>
    );
  }
  const list = suggestions.data ?? [];
  if (list.length === 0) return null;

  return (
    <Card title={t("bant.title")} description={t("bant.description")}>
      {error && (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      )}
      <ul className="space-y-3" data-testid="bant-suggestions">
        {list.map((suggestion) => {
          const busy = decide.isPending && decide.variables?.suggestion.id === suggestion.id;
          return (
            <li
              key={suggestion.id}
              className="rounded-md border border-border p-3"
              data-testid="bant-suggestion"
              data-dimension={suggestion.dimension}
            >
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span
                  aria-hidden
                  className={cn("size-2.5 rounded-full ring-1 ring-inset", BANT_DOT[suggestion.status])}
                />
                <span className="font-semibold">{tl(`bant.${suggestion.dimension}`)}</span>
                <span className="text-subtle-foreground">
                  <DirectionalArrow to="forward" /> {tl(`bantStatus.${suggestion.status}`)}
                </span>
                {suggestion.value && <span className="font-medium">“{suggestion.value}”</span>}
                <span className="ms-auto text-xs text-subtle-foreground tabular-nums" title={t("bant.confidenceHint")}>
                  {t("bant.confidence", { value: Math.round(suggestion.confidence * 100) })}
                </span>
              </div>
              {suggestion.quote && <p className="mt-1 text-sm text-muted-foreground italic">“{suggestion.quote}”</p>}
              <div className="mt-2 flex items-center gap-2">
                <span className="text-xs text-subtle-foreground">
                  <RelativeTime date={suggestion.createdAt} />
                </span>
                <Button
                  size="sm"
                  className="ms-auto"
                  disabled={disabled || decide.isPending}
                  loading={busy && decide.variables?.accept}
                  onClick={() => decide.mutate({ suggestion, accept: true })}
                  aria-label={t("bant.acceptLabel", { dimension: tl(`bant.${suggestion.dimension}`) })}
                >
                  {t("bant.accept")}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={disabled || decide.isPending}
                  loading={busy && !decide.variables?.accept}
                  onClick={() => decide.mutate({ suggestion, accept: false })}
                  aria-label={t("bant.dismissLabel", { dimension: tl(`bant.${suggestion.dimension}`) })}
                >
                  {t("bant.dismiss")}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
