"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import type { TemplateChoice, TemplateChoices } from "./types";

/** {{n}} replaced by the n-th value; the same rule as lib/outreach/variables.ts renderTemplate. */
const render = (body: string, values: string[]) =>
  body.replace(/\{\{\s*(\d{1,2})\s*\}\}/g, (whole, n: string) => values[Number(n) - 1] || whole);

/**
 * Pick an approved template, check and edit the values Kiln filled from the lead, read the
 * preview, send. Used by the closed-window composer and "start a conversation with a template".
 */
export function TemplateSender({
  choices,
  loading,
  error,
  sending,
  sendError,
  onSend,
}: {
  choices: TemplateChoices | undefined;
  loading: boolean;
  error: string | null;
  sending: boolean;
  sendError: string | null;
  onSend: (input: { templateId: string; parameters: string[] }) => void;
}) {
  const t = useTranslations("outreach");
  const [templateId, setTemplateId] = useState("");
  const [edited, setEdited] = useState<Record<string, string[]>>({});
  if (loading) return <Spinner label={t("templates.loading")} />;
  if (error) return <Alert tone="error">{error}</Alert>;
  const templates = choices?.templates ?? [];
  if (!templates.length) return <p className="text-sm text-secondary-foreground">{t("templates.none")}</p>;
  const template: TemplateChoice | undefined = templates.find((x) => x.id === templateId) ?? templates[0];
  if (!template) return null;
  const values = edited[template.id] ?? template.parameters;
  const setValue = (i: number, value: string) =>
    setEdited((all) => ({ ...all, [template.id]: values.map((v, j) => (j === i ? value : v)) }));
  const missing = values.some((v) => !v.trim());
  return (
    <div className="space-y-3" data-testid="template-sender">
      <SelectField
        label={t("templates.choose")}
        value={template.id}
        onChange={(e) => setTemplateId(e.target.value)}
        data-testid="template-select"
      >
        {templates.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name} · {x.language} · {t(`categories.${x.category}`)}
            {x.sample ? ` · ${t("templates.sample")}` : ""}
          </option>
        ))}
      </SelectField>
      {values.map((value, i) => (
        <TextField
          key={`${template.id}-${i}`}
          label={t("templates.variable", {
            n: i + 1,
            source: template.variables[i]?.source ? t(`sources.${template.variables[i]!.source}`) : t("sources.typed"),
          })}
          value={value}
          onChange={(e) => setValue(i, e.target.value)}
          error={!value.trim() ? t("templates.variableMissing") : undefined}
          data-testid={`template-variable-${i + 1}`}
        />
      ))}
      <div>
        <p className="mb-1 flex items-center gap-2 text-sm font-medium text-foreground-soft">
          {t("templates.preview")}
          <Badge tone={template.category === "marketing" ? "warning" : "neutral"}>
            {t(`categories.${template.category}`)}
          </Badge>
        </p>
        <p
          className="rounded-lg border border-border bg-surface-muted p-3 text-sm whitespace-pre-wrap"
          data-testid="template-preview"
        >
          <UserText>{render(template.body, values)}</UserText>
        </p>
        {template.buttons.length > 0 && (
          <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("templates.buttons")}>
            {template.buttons.map((b) => (
              <li key={b.text} className="rounded-full border border-border px-3 py-1 text-xs">
                <UserText>{b.text}</UserText>
              </li>
            ))}
          </ul>
        )}
      </div>
      {template.block && <Alert tone="warning">{t(`blocked.${template.block}`)}</Alert>}
      {sendError && <Alert tone="error">{sendError}</Alert>}
      <Button
        type="button"
        disabled={sending || missing || Boolean(template.block)}
        loading={sending}
        onClick={() => onSend({ templateId: template.id, parameters: values.map((v) => v.trim()) })}
        data-testid="template-send"
      >
        {t("templates.send")}
      </Button>
    </div>
  );
}
