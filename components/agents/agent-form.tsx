"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import { UpgradeLink } from "@/components/billing/upgrade-link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { SelectField, TextField } from "@/components/ui/field";
import { Checkbox, Textarea } from "@/components/ui/input";
import { AGENT_ROLES, type AgentRole } from "@/lib/ai/types";
import { api, ApiError } from "@/lib/client/api";
import type { AgentData, AgentFields } from "./types";

const LANGUAGES = ["en", "de", "de-CH", "fr", "it", "es", "nl", "pt"] as const;
const LIMITS = { name: 80, personality: 4000, business: 8000, objectives: 4000 } as const;

type Props = {
  /** Editing this agent, or creating one from these starting values. */
  agent: AgentData | null;
  initial: AgentFields;
  canSetAutoSend: boolean;
  providerIsLocal: boolean;
  /** The models the server allows (OPENAI_ALLOWED_MODELS), the default first. */
  models: string[];
  onSaved: (agent: AgentData) => void;
  onCancel: () => void;
};

/** Every editable field of an agent. The server validates again; its field errors land next to the inputs. */
export function AgentForm({ agent, initial, canSetAutoSend, providerIsLocal, models, onSaved, onCancel }: Props) {
  const t = useTranslations("agents");
  const tc = useTranslations("common");
  const [fields, setFields] = useState<AgentFields>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<{ text: string; planLimit: boolean } | null>(null);
  const set = <K extends keyof AgentFields>(key: K, value: AgentFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: async (body: AgentFields) => {
      if (!agent) return api<{ agent: AgentData }>("/api/v1/agents", { body });
      const changes = changedFields(agent, body);
      return Object.keys(changes).length
        ? api<{ agent: AgentData }>(`/api/v1/agents/${agent.id}`, { method: "PATCH", body: changes })
        : { agent };
    },
    onMutate: () => {
      setErrors({});
      setProblem(null);
    },
    onSuccess: ({ agent: saved }) => onSaved(saved),
    onError: (error) => {
      if (!(error instanceof ApiError)) return setProblem({ text: String(error), planLimit: false });
      const code = (error.problem as { code?: string }).code;
      setErrors(error.problem.errors ?? {});
      if (!error.problem.errors || code === "plan_limit")
        setProblem({ text: error.message, planLimit: code === "plan_limit" });
    },
  });

  const languages: string[] = LANGUAGES.includes(fields.language as (typeof LANGUAGES)[number])
    ? [...LANGUAGES]
    : [...LANGUAGES, fields.language];

  return (
    <Form
      className="space-y-4"
      data-testid="agent-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...fields,
          name: fields.name.trim(),
          model: fields.model || null,
          schedulingUrl: fields.schedulingUrl?.trim() || null,
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("form.name")}
          value={fields.name}
          maxLength={LIMITS.name}
          required
          onChange={(e) => set("name", e.target.value)}
          error={errors.name?.[0]}
        />
        <SelectField
          label={t("form.role")}
          value={fields.role}
          onChange={(e) => set("role", e.target.value as AgentRole)}
          error={errors.role?.[0]}
        >
          {AGENT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <PromptField
        label={t("form.personality")}
        hint={t("form.personalityHint")}
        value={fields.personality}
        max={LIMITS.personality}
        rows={3}
        onChange={(v) => set("personality", v)}
        error={errors.personality?.[0]}
      />
      <PromptField
        label={t("form.business")}
        hint={t("form.businessHint")}
        value={fields.business}
        max={LIMITS.business}
        rows={5}
        onChange={(v) => set("business", v)}
        error={errors.business?.[0]}
      />
      <PromptField
        label={t("form.objectives")}
        hint={t("form.objectivesHint")}
        value={fields.objectives}
        max={LIMITS.objectives}
        rows={4}
        onChange={(v) => set("objectives", v)}
        error={errors.objectives?.[0]}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("form.language")}
          value={fields.language}
          onChange={(e) => set("language", e.target.value)}
          error={errors.language?.[0]}
          hint={t("form.languageHint")}
        >
          {languages.map((code) => (
            <option key={code} value={code}>
              {t.has(`languages.${code}`) ? t(`languages.${code}`) : code}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("form.model")}
          value={fields.model ?? ""}
          onChange={(e) => set("model", e.target.value || null)}
          error={errors.model?.[0]}
          hint={providerIsLocal ? t("form.modelHintLocal") : t("form.modelHint")}
          data-testid="agent-model"
        >
          <option value="">{t("form.modelDefault", { model: models[0] ?? "" })}</option>
          {models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
          {/* Saved before the operator's list changed: shown as it is, and runs on the default model. */}
          {fields.model && !models.includes(fields.model) && (
            <option value={fields.model}>{t("form.modelUnlisted", { model: fields.model })}</option>
          )}
        </SelectField>
      </div>
      <TextField
        label={t("form.schedulingUrl")}
        type="url"
        inputMode="url"
        placeholder="https://calendly.com/acme/site-visit"
        value={fields.schedulingUrl ?? ""}
        maxLength={500}
        onChange={(e) => set("schedulingUrl", e.target.value)}
        error={errors.schedulingUrl?.[0]}
        hint={t("form.schedulingUrlHint")}
      />

      <fieldset className="space-y-3 rounded-lg border border-border p-3">
        <legend className="px-1 text-sm font-medium">{t("form.behaviour")}</legend>
        <Toggle
          checked={fields.active}
          onChange={(v) => set("active", v)}
          label={t("form.active")}
          hint={t("form.activeHint")}
          testId="agent-active"
        />
        <Toggle
          checked={fields.isDefault}
          onChange={(v) => set("isDefault", v)}
          label={t("form.isDefault")}
          hint={t("form.isDefaultHint")}
          testId="agent-default"
        />
        <Toggle
          checked={fields.autoSend}
          onChange={(v) => set("autoSend", v)}
          disabled={!canSetAutoSend}
          label={t("form.autoSend")}
          testId="agent-auto-send"
          hint={canSetAutoSend ? t("form.autoSendHint") : t("form.autoSendLocked")}
        />
        <Alert tone="warning" className="text-xs">
          {t("form.autoSendWarning")}
        </Alert>
        {errors.autoSend?.[0] && (
          <p role="alert" className="text-sm text-danger-text">
            {errors.autoSend[0]}
          </p>
        )}
      </fieldset>

      {problem && (
        <Alert tone={problem.planLimit ? "warning" : "error"}>
          <p className="font-medium" data-testid="agent-form-problem">
            {problem.text}
          </p>
          {problem.planLimit && (
            <p className="mt-1 text-xs">
              {t("planLimitHint")} <UpgradeLink />
            </p>
          )}
        </Alert>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={save.isPending}>
          {tc("cancel")}
        </Button>
        <SubmitButton loading={save.isPending}>{agent ? tc("save") : t("create")}</SubmitButton>
      </div>
    </Form>
  );
}

/** PATCH sends only what changed (the API refuses an empty change, so an untouched form saves nothing). */
function changedFields(agent: AgentData, next: AgentFields): Partial<AgentFields> {
  const out: Partial<AgentFields> = {};
  for (const key of Object.keys(next) as (keyof AgentFields)[]) {
    if (next[key] !== agent[key]) (out as Record<string, unknown>)[key] = next[key];
  }
  return out;
}

function PromptField({
  label,
  hint,
  value,
  max,
  rows,
  onChange,
  error,
}: {
  label: string;
  hint: ReactNode;
  value: string;
  max: number;
  rows: number;
  onChange: (value: string) => void;
  error?: string;
}) {
  const id = useId();
  const over = value.length > max;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-foreground-soft">
        {label}
      </label>
      <Textarea
        id={id}
        value={value}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
        invalid={!!error || over}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="flex justify-between gap-3 text-xs text-subtle-foreground">
        <span className={error ? "text-danger-text" : undefined} role={error ? "alert" : undefined}>
          {error ?? hint}
        </span>
        <span className={cn("shrink-0 tabular-nums", over && "font-medium text-danger-text")}>
          {value.length} / {max}
        </span>
      </p>
    </div>
  );
}

function Toggle({
  checked,
  onChange,
  label,
  hint,
  disabled,
  testId,
}: {
  checked: boolean;
  onChange: (value: boolean) => void;
  label: string;
  hint: string;
  disabled?: boolean;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <Checkbox
        id={id}
        role="switch"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        className="mt-0.5"
      />
      <div>
        <label htmlFor={id} className={cn("text-sm font-medium", disabled && "text-subtle-foreground")}>
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-subtle-foreground">
          {hint}
        </p>
      </div>
    </div>
  );
}
