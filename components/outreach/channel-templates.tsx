"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextareaField, TextField } from "@/components/ui/field";
import { LoadingState } from "@/components/ui/states";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useChannelTemplates, useSyncTemplates } from "./hooks";
import { outreachKeys } from "./keys";
import { VARIABLE_SOURCE_KEYS, type TemplateData } from "./types";

const STATUS_TONE = {
  approved: "success",
  pending: "info",
  rejected: "danger",
  paused: "warning",
  disabled: "neutral",
} as const;
const CATEGORIES = ["utility", "marketing", "authentication"] as const;

const placeholderCount = (body: string) =>
  new Set([...body.matchAll(/\{\{\s*(\d{1,2})\s*\}\}/g)].map((m) => m[1])).size;

/** Settings → Channels → templates (admins): the library with approval status, "sync now", and a new template for review. */
export function ChannelTemplatesDialog({ channelId, label }: { channelId: string; label: string }) {
  const t = useTranslations("outreach");
  const describe = useErrorText();
  const [open, setOpen] = useState(false);
  const templates = useChannelTemplates(open ? channelId : "");
  const sync = useSyncTemplates(channelId);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="lg"
      title={t("library.title", { label })}
      description={t("library.description")}
      trigger={
        <Button size="sm" variant="ghost" data-testid="channel-templates">
          {t("library.button")}
        </Button>
      }
    >
      {!templates.data ? (
        templates.isError ? (
          <Alert tone="error">{describe(templates.error)}</Alert>
        ) : (
          <LoadingState label={t("templates.loading")} />
        )
      ) : (
        <div className="space-y-4">
          {templates.data.sandbox && <Alert tone="info">{t("library.sandbox")}</Alert>}
          <ul className="divide-y divide-border" data-testid="template-library">
            {templates.data.templates.map((x) => (
              <li key={x.id} className="space-y-1 py-2">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  <span className="font-mono">{x.name}</span>
                  <span className="text-xs text-subtle-foreground">{x.language}</span>
                  <Badge tone="neutral">{t(`categories.${x.category}`)}</Badge>
                  <Badge tone={STATUS_TONE[x.status]}>{t(`statuses.${x.status}`)}</Badge>
                  {x.sample && <Badge tone="info">{t("templates.sample")}</Badge>}
                </p>
                <p className="text-sm text-secondary-foreground">
                  <UserText>{x.body}</UserText>
                </p>
                <VariableSources channelId={channelId} template={x} />
                {x.rejectedReason && (
                  <p className="text-xs text-danger-text">{t("library.rejected", { reason: x.rejectedReason })}</p>
                )}
              </li>
            ))}
          </ul>
          <div className="flex items-center gap-2">
            <Button size="sm" variant="secondary" loading={sync.isPending} onClick={() => sync.mutate()}>
              {t("library.sync")}
            </Button>
            {sync.isError && <span className="text-sm text-danger-text">{describe(sync.error)}</span>}
          </div>
          <NewTemplate channelId={channelId} />
        </div>
      )}
    </Dialog>
  );
}

/**
 * What fills each variable of a template (a synced one arrives without): a lead's fact, or typed
 * by the sender. A bulk send needs every variable filled from the lead.
 */
function VariableSources({ channelId, template }: { channelId: string; template: TemplateData }) {
  const t = useTranslations("outreach");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const count = placeholderCount(template.body);
  const save = useMutation({
    mutationFn: (variables: TemplateData["variables"]) =>
      api(`/api/v1/templates/${template.id}`, { method: "PATCH", body: { variables } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: outreachKeys.channelTemplates(channelId) }),
  });
  if (!count) return null;
  const current = Array.from({ length: count }, (_, i) => template.variables[i] ?? { source: null, example: "" });
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="template-variable-sources">
      {current.map((variable, i) => (
        <SelectField
          key={i}
          label={t("library.source", { n: i + 1 })}
          value={variable.source ?? "typed"}
          disabled={save.isPending}
          onChange={(e) =>
            save.mutate(
              current.map((v, j) =>
                j === i ? { ...v, source: e.target.value === "typed" ? null : e.target.value } : v,
              ),
            )
          }
        >
          <option value="typed">{t("sources.typed")}</option>
          {VARIABLE_SOURCE_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`sources.${k}`)}
            </option>
          ))}
        </SelectField>
      ))}
      {save.isError && <span className="text-sm text-danger-text">{describe(save.error)}</span>}
    </div>
  );
}

function NewTemplate({ channelId }: { channelId: string }) {
  const t = useTranslations("outreach");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [language, setLanguage] = useState("en");
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>("utility");
  const [body, setBody] = useState("");
  const [sources, setSources] = useState<string[]>([]);
  const [examples, setExamples] = useState<string[]>([]);
  const count = placeholderCount(body);
  const create = useMutation({
    mutationFn: () =>
      api(`/api/v1/channels/${channelId}/templates`, {
        method: "POST",
        body: {
          name,
          language,
          category,
          body,
          variables: Array.from({ length: count }, (_, i) => ({
            source: sources[i] && sources[i] !== "typed" ? sources[i] : null,
            example: examples[i] ?? "",
          })),
        },
      }),
    onSuccess: () => {
      setName("");
      setBody("");
      void queryClient.invalidateQueries({ queryKey: outreachKeys.channelTemplates(channelId) });
    },
  });
  return (
    <Form
      className="space-y-3 rounded-lg border border-border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">{t("library.new")}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label={t("library.name")}
          hint={t("library.nameHint")}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField label={t("library.language")} value={language} onChange={(e) => setLanguage(e.target.value)} />
        <SelectField
          label={t("library.category")}
          value={category}
          onChange={(e) => setCategory(e.target.value as (typeof CATEGORIES)[number])}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextareaField
        label={t("library.body")}
        hint={t("library.bodyHint", { example: "{{1}}, {{2}} …" })}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t("library.source", { n: i + 1 })}
            value={sources[i] ?? "typed"}
            onChange={(e) => setSources((s) => Object.assign([...s], { [i]: e.target.value }))}
          >
            <option value="typed">{t("sources.typed")}</option>
            {VARIABLE_SOURCE_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`sources.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("library.example", { n: i + 1 })}
            value={examples[i] ?? ""}
            onChange={(e) => setExamples((s) => Object.assign([...s], { [i]: e.target.value }))}
          />
        </div>
      ))}
      {create.isError && <Alert tone="error">{describe(create.error)}</Alert>}
      {create.isSuccess && <Alert tone="success">{t("library.submitted")}</Alert>}
      <SubmitButton size="sm" loading={create.isPending} disabled={!name || !body}>
        {t("library.submit")}
      </SubmitButton>
    </Form>
  );
}
