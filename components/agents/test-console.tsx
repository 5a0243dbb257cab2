"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Findings, ProviderBadge } from "@/components/approvals/findings";
import type { DraftOutcomeData } from "@/components/approvals/types";
import { renderDraftFailureDetail } from "@/lib/ai/failures";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { Input, Textarea } from "@/components/ui/input";
import { api, ApiError } from "@/lib/client/api";
import type { AgentData } from "./types";

const MAX_SAMPLE = 2000;

/** "Send a sample message, see the draft and extracted BANT": the real drafting path, with nothing stored. */
export function TestConsole({ agent }: { agent: AgentData }) {
  const t = useTranslations("agents");
  const ta = useTranslations("approvals");
  const id = useId();
  const [message, setMessage] = useState("");
  const [leadName, setLeadName] = useState("");
  const run = useMutation({
    mutationFn: (body: { message: string; leadName?: string }) =>
      api<{ outcome: DraftOutcomeData }>(`/api/v1/agents/${agent.id}/test`, { body }),
  });
  const outcome = run.data?.outcome;
  const samples = [t("test.samples.budget"), t("test.samples.meeting"), t("test.samples.injection")];

  return (
    <div className="space-y-4" data-testid="test-console">
      <Alert tone="info" className="text-xs">
        {t("test.nothingSaved")}
      </Alert>
      <Form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const text = message.trim();
          if (!text || text.length > MAX_SAMPLE) return;
          run.mutate({ message: text, ...(leadName.trim() ? { leadName: leadName.trim() } : {}) });
        }}
      >
        <div className="space-y-1">
          <label htmlFor={`${id}-message`} className="block text-sm font-medium">
            {t("test.message")}
          </label>
          <Textarea
            id={`${id}-message`}
            value={message}
            rows={3}
            onChange={(e) => setMessage(e.target.value)}
            placeholder={t("test.placeholder")}
            data-testid="test-message"
          />
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-subtle-foreground">
            <span>{t("test.try")}</span>
            {samples.map((sample) => (
              <button
                key={sample}
                type="button"
                onClick={() => setMessage(sample)}
                className="max-w-full truncate rounded-full border border-border-strong px-2 py-0.5 hover:bg-surface-hover"
              >
                {sample}
              </button>
            ))}
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-48 flex-1 space-y-1">
            <label htmlFor={`${id}-lead`} className="block text-sm font-medium">
              {t("test.leadName")}
            </label>
            <Input
              id={`${id}-lead`}
              value={leadName}
              maxLength={120}
              onChange={(e) => setLeadName(e.target.value)}
              placeholder={t("test.leadNamePlaceholder")}
            />
          </div>
          <SubmitButton
            loading={run.isPending}
            disabled={!message.trim() || message.trim().length > MAX_SAMPLE}
            data-testid="test-run"
          >
            {t("test.run")}
          </SubmitButton>
        </div>
      </Form>

      {run.isError && (
        <Alert tone="error">{run.error instanceof ApiError ? run.error.message : String(run.error)}</Alert>
      )}
      {outcome && !outcome.ok && (
        <Alert tone="warning">
          <p className="font-medium">
            {ta.has(`review.reasons.${outcome.reason}`) ? ta(`review.reasons.${outcome.reason}`) : outcome.reason}
          </p>
          <p className="mt-1 text-xs">{renderDraftFailureDetail(outcome.detail, ta)}</p>
        </Alert>
      )}
      {outcome?.ok && (
        <div className="space-y-3" data-testid="test-result">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold">{t("test.draft")}</h3>
            <ProviderBadge provider={outcome.provider} model={outcome.model} />
            {outcome.usage && (
              <span className="text-xs text-subtle-foreground">
                {ta("findings.usage", {
                  prompt: outcome.usage.promptTokens,
                  completion: outcome.usage.completionTokens,
                })}
              </span>
            )}
          </div>
          <p
            className="rounded-lg border border-dashed border-primary-border bg-primary-surface/60 px-3 py-2 text-sm whitespace-pre-wrap"
            data-testid="test-draft"
          >
            {outcome.result.reply}
          </p>
          <Findings
            bant={outcome.result.bant}
            intent={outcome.result.intent}
            heat={outcome.result.heat}
            confidence={outcome.result.confidence}
            injection={outcome.result.injection}
          />
        </div>
      )}
    </div>
  );
}
