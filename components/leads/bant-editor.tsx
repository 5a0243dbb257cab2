"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { api, ApiError } from "@/lib/client/api";
import { BANT_DIMENSIONS, BANT_STATUSES, type BantDimensionName, type BantStatus } from "@/lib/scoring";
import { BANT_DOT } from "./bant-dots";
import type { LeadData } from "./types";

type Evidence = { kind?: string; text?: string; by?: string; ref?: string } | null;

/** Budget, Authority, Need, Timeline: each set by hand with its evidence, scored by the engine. */
export function BantEditor({
  lead,
  disabled,
  onSaved,
}: {
  lead: LeadData;
  disabled: boolean;
  onSaved: (lead: LeadData) => Promise<void>;
}) {
  const t = useTranslations("leads");
  const [explanation, setExplanation] = useState<string[] | null>(null);
  return (
    <Card title={t("bantTitle")} description={t("bantIntro")}>
      <div className="divide-y divide-border">
        {BANT_DIMENSIONS.map((dimension) => (
          <BantRow
            // A saved value from the server starts the row over.
            key={`${dimension}:${JSON.stringify(lead.bant?.[dimension] ?? null)}`}
            leadId={lead.id}
            dimension={dimension}
            current={lead.bant?.[dimension]}
            disabled={disabled}
            onSaved={async (result) => {
              setExplanation(result.explanation);
              await onSaved(result.lead);
            }}
          />
        ))}
      </div>
      {explanation && (
        <Alert tone="info" className="mt-3">
          <p className="font-medium">{t("bantResult")}</p>
          <ul className="mt-1 list-disc space-y-0.5 ps-5" data-testid="bant-explanation">
            {explanation.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </Alert>
      )}
    </Card>
  );
}

function BantRow({
  leadId,
  dimension,
  current,
  disabled,
  onSaved,
}: {
  leadId: string;
  dimension: BantDimensionName;
  current: { status: string; value: string | null; evidence: unknown } | undefined;
  disabled: boolean;
  onSaved: (result: { lead: LeadData; explanation: string[] }) => Promise<void>;
}) {
  const t = useTranslations("leads");
  const initialStatus = (current?.status ?? "unknown") as BantStatus;
  const initialValue = current?.value ?? "";
  const evidence = (current?.evidence ?? null) as Evidence;
  const [status, setStatus] = useState<BantStatus>(initialStatus);
  const [value, setValue] = useState(initialValue);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const dirty = status !== initialStatus || value !== initialValue || note.trim() !== "";
  const label = t(`bant.${dimension}`);
  const save = useMutation({
    mutationFn: () =>
      api<{ lead: LeadData; explanation: string[] }>(`/api/v1/leads/${leadId}/bant`, {
        method: "PATCH",
        body: { [dimension]: { status, value: value.trim() || null, evidence: note.trim() || null } },
      }),
    onMutate: () => setError(null),
    onSuccess: onSaved,
    onError: (e) => {
      if (e instanceof ApiError) {
        const fields = Object.values(e.problem.errors ?? {}).flat();
        setError(fields[0] ?? e.message);
      } else setError(String(e));
    },
  });
  const id = `bant-${dimension}`;
  return (
    <Form
      className="space-y-2 py-3"
      aria-labelledby={`${id}-title`}
      data-testid={`bant-${dimension}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="flex items-center gap-2">
        <span aria-hidden className={cn("size-3 rounded-full ring-1 ring-inset", BANT_DOT[status])} />
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {label}
        </h3>
        <span className="text-xs text-subtle-foreground">{t(`bantStatus.${initialStatus}`)}</span>
      </div>
      <div className="grid gap-2 sm:grid-cols-[10rem_1fr]">
        <SelectField
          label={t("bantStatusLabel", { dimension: label })}
          hideLabel
          value={status}
          disabled={disabled}
          onChange={(e) => setStatus(e.target.value as BantStatus)}
        >
          {BANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`bantStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <div>
          <label htmlFor={`${id}-value`} className="sr-only">
            {t("bantValueLabel", { dimension: label })}
          </label>
          <Input
            id={`${id}-value`}
            value={value}
            maxLength={200}
            disabled={disabled}
            placeholder={t(`bantPlaceholder.${dimension}`)}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
      </div>
      {evidence && (evidence.text || evidence.by) && (
        <p className="text-xs text-muted-foreground" data-testid={`bant-${dimension}-evidence`}>
          {evidence.text && <q className="italic">{evidence.text}</q>}{" "}
          {evidence.by && <span className="text-subtle-foreground">— {evidence.by}</span>}
        </p>
      )}
      <div className="flex items-start gap-2">
        <div className="flex-1">
          <label htmlFor={`${id}-evidence`} className="sr-only">
            {t("bantEvidenceLabel", { dimension: label })}
          </label>
          <Textarea
            id={`${id}-evidence`}
            rows={1}
            value={note}
            maxLength={500}
            disabled={disabled}
            placeholder={t("bantEvidencePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
            className="resize-y"
          />
        </div>
        <SubmitButton
          size="sm"
          className="mt-1"
          disabled={disabled || !dirty}
          loading={save.isPending}
          aria-label={t("bantSave", { dimension: label })}
        >
          {t("save")}
        </SubmitButton>
      </div>
      {error && (
        <p role="alert" className="text-sm text-danger-text">
          {error}
        </p>
      )}
    </Form>
  );
}
