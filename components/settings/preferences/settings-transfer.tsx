"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Checkbox } from "@/components/ui/input";
import { ApiError, type Problem } from "@/lib/client/api";
import { useHydrated } from "@/lib/client/use-hydrated";
import {
  SETTINGS_SECTIONS,
  type SettingsChange,
  type SettingsImportResult,
  type SettingsSection,
} from "@/lib/settings-transfer/sections";

const EXPORT_URL = "/api/v1/settings/export";

/** Each section's label (under settingsTransfer). */
const SECTION_LABELS: Record<SettingsSection, string> = {
  preferences: "sections.preferences",
  notifications: "sections.notifications",
  dashboards: "sections.dashboards",
  savedViews: "sections.savedViews",
};

/** Posts the file as the browser's file picker gives it; the server checks its size and shape. */
async function sendFile(
  file: File,
  dryRun: boolean,
  sections: SettingsSection[],
  networkError: string,
): Promise<SettingsImportResult> {
  const body = new FormData();
  body.set("file", file);
  const url = `/api/v1/settings/import?dryRun=${dryRun}&sections=${sections.join(",")}`;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
  } catch {
    throw new ApiError({ title: "Network error", status: 0, detail: networkError });
  }
  const data = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(
      data && typeof data === "object" && "title" in data
        ? (data as Problem)
        : { title: response.statusText, status: response.status, detail: networkError },
    );
  return data as SettingsImportResult;
}

/** A problem's field errors split by where they show: the file picker, or a section's row. */
function placeErrors(problem: Problem | null) {
  const file: string[] = [];
  const sections: Partial<Record<SettingsSection, string[]>> = {};
  if (!problem) return { file, sections };
  const entries = Object.entries(problem.errors ?? {});
  if (!entries.length) file.push(problem.detail ?? problem.title);
  for (const [path, messages] of entries) {
    const section = SETTINGS_SECTIONS.find(
      (s) => path === `sections.${s}` || path.startsWith(`sections.${s}.`) || path.startsWith(`sections.${s}[`),
    );
    const shown = messages.map((message) => (path === "file" ? message : `${path}: ${message}`));
    if (section) (sections[section] ??= []).push(...shown);
    else file.push(...shown);
  }
  return { file, sections };
}

/**
 * Settings → Preferences → export and import: "Export my settings" downloads the JSON file;
 * choosing a file previews, per section, every field that would change (old → new), the
 * checked sections are applied together (all or nothing), and a bad file's errors show next
 * to the file picker or the section they are about.
 */
export function SettingsTransfer() {
  const t = useTranslations("settingsTransfer");
  const format = useFormatter();
  const router = useRouter();
  const hydrated = useHydrated();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<SettingsSection[]>([...SETTINGS_SECTIONS]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [applied, setApplied] = useState<number | null>(null);

  const onError = (error: unknown) =>
    setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0, detail: String(error) });
  const preview = useMutation({
    mutationFn: (input: { file: File; sections: SettingsSection[] }) =>
      sendFile(input.file, true, input.sections, t("networkError")),
    onMutate: () => setProblem(null),
    onError,
  });
  const apply = useMutation({
    mutationFn: (input: { file: File; sections: SettingsSection[] }) =>
      sendFile(input.file, false, input.sections, t("networkError")),
    onMutate: () => setProblem(null),
    onSuccess: (result, input) => {
      setApplied(Object.values(result.sections).reduce((sum, changes) => sum + (changes?.length ?? 0), 0));
      router.refresh();
      // What the file would change now: nothing, when everything landed.
      preview.mutate({ file: input.file, sections: chosen });
    },
    onError,
  });

  const choose = (next: File | null, sections: SettingsSection[]) => {
    setApplied(null);
    setProblem(null);
    if (next && sections.length) preview.mutate({ file: next, sections });
    else preview.reset();
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const next = event.target.files?.[0] ?? null;
    setFile(next);
    choose(next, chosen);
  };
  const toggle = (section: SettingsSection, on: boolean) => {
    const next = SETTINGS_SECTIONS.filter((s) => (s === section ? on : chosen.includes(s)));
    setChosen(next);
    choose(file, next);
  };

  const errors = placeErrors(problem);
  const result = preview.data?.sections;
  const pending = chosen.filter((s) => (result?.[s]?.length ?? 0) > 0);
  const canApply = !!file && !problem && !preview.isPending && pending.length > 0;

  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("valueNone");
    if (typeof value === "boolean") return value ? t("valueOn") : t("valueOff");
    if (typeof value === "number") return format.number(value);
    if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : t("valueNone");
    if (typeof value === "object")
      return Object.entries(value)
        .map(([key, inner]) => `${key}: ${show(inner)}`)
        .join("; ");
    return String(value);
  };
  const where = (change: SettingsChange) =>
    change.project === undefined ? change.path : `${change.project?.name ?? t("allProjects")} · ${change.path}`;

  return (
    <Card title={t("title")} description={t("description")}>
      <div className="space-y-6">
        <div className="space-y-1">
          <a href={EXPORT_URL} download className={buttonVariants({ variant: "secondary" })}>
            {t("export")}
          </a>
          <p className="text-xs text-muted-foreground">{t("exportHint")}</p>
        </div>

        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-foreground">{t("importTitle")}</h3>
          <div className="space-y-1">
            <label htmlFor={fileId} className="block text-sm font-medium text-foreground-soft">
              {t("fileLabel")}
            </label>
            <input
              id={fileId}
              type="file"
              accept=".json,application/json"
              disabled={!hydrated}
              onChange={onFile}
              aria-invalid={errors.file.length ? true : undefined}
              aria-describedby={errors.file.length ? `${fileId}-error` : `${fileId}-hint`}
              className="block w-full text-sm text-foreground file:me-3 file:rounded-md file:border file:border-border-strong file:bg-surface file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-foreground hover:file:bg-surface-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
            />
            {errors.file.length ? (
              <ul id={`${fileId}-error`} role="alert" className="space-y-0.5 text-sm text-danger-text">
                {errors.file.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : (
              <p id={`${fileId}-hint`} className="text-xs text-muted-foreground">
                {t("fileHint")}
              </p>
            )}
          </div>

          {preview.isPending && (
            <p role="status" className="text-sm text-muted-foreground">
              {t("reading")}
            </p>
          )}

          {file && (
            <fieldset className="space-y-3">
              <legend className="text-sm font-medium text-foreground-soft">{t("sectionsLegend")}</legend>
              {SETTINGS_SECTIONS.map((section) => {
                const changes = result?.[section];
                const dropped = preview.data?.dropped.filter((drop) => drop.section === section) ?? [];
                const sectionErrors = errors.sections[section] ?? [];
                const id = `${fileId}-${section}`;
                return (
                  <div
                    key={section}
                    className="rounded-md border border-border p-3"
                    data-testid={`transfer-${section}`}
                  >
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <label className="flex items-center gap-2 text-sm font-medium text-foreground">
                        <Checkbox
                          checked={chosen.includes(section)}
                          onChange={(event) => toggle(section, event.target.checked)}
                          aria-describedby={`${id}-status`}
                        />
                        {t(SECTION_LABELS[section])}
                      </label>
                      <span id={`${id}-status`} className="text-xs text-muted-foreground">
                        {changes
                          ? t("changeCount", { count: changes.length })
                          : result && chosen.includes(section)
                            ? t("notInFile")
                            : null}
                      </span>
                    </div>
                    {sectionErrors.length > 0 && (
                      <ul role="alert" className="mt-2 space-y-0.5 text-sm text-danger-text">
                        {sectionErrors.map((message) => (
                          <li key={message}>{message}</li>
                        ))}
                      </ul>
                    )}
                    {changes && changes.length > 0 && (
                      <ul className="mt-2 space-y-1 text-sm">
                        {changes.map((change) => (
                          <li key={where(change)} className="text-secondary-foreground">
                            <code className="rounded bg-muted px-1 text-xs text-foreground">
                              <bdi>{where(change)}</bdi>
                            </code>{" "}
                            <bdi>{show(change.old)}</bdi> <DirectionalArrow to="forward" />
                            <span className="sr-only"> {t("becomes")} </span>{" "}
                            <bdi className="font-medium text-foreground">{show(change.new)}</bdi>
                          </li>
                        ))}
                      </ul>
                    )}
                    {dropped.length > 0 && (
                      <ul className="mt-2 space-y-1 text-sm" data-testid={`transfer-${section}-dropped`}>
                        {dropped.map((drop) => (
                          <li key={drop.path} className="text-secondary-foreground">
                            <code className="rounded bg-muted px-1 text-xs text-foreground">
                              <bdi>{drop.path}</bdi>
                            </code>{" "}
                            <bdi>{show(drop.value)}</bdi> · {t("droppedNotInOrganization")}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </fieldset>
          )}

          {applied !== null && <Alert tone="success">{applied > 0 ? t("applied") : t("nothingToApply")}</Alert>}
          {file && result && pending.length === 0 && !problem && applied === null && (
            <Alert tone="info">{t("nothingToApply")}</Alert>
          )}

          {file && (
            <Button
              disabled={!hydrated || !canApply}
              loading={apply.isPending}
              onClick={() => file && apply.mutate({ file, sections: pending })}
            >
              {t("apply")}
            </Button>
          )}
        </div>
      </div>
    </Card>
  );
}
