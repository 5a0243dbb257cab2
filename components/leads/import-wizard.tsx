"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Select } from "@/components/ui/input";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { ApiError, type Problem } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useRefreshLeadLists } from "./hooks";

type Preview = { headers: string[]; mapping: Record<string, string | null>; rows: string[][]; fields: string[] };
type Report = {
  total: number;
  created: number;
  merged: number;
  skipped: number;
  errors: { row: number; errors: Record<string, string[]> }[];
};
type Progress = { phase: "upload" | "import"; done: number; total: number };

class UploadError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/**
 * Multipart POST with upload progress (fetch cannot report it). `onChunk` sees the response
 * text as it streams in, for the import's NDJSON progress lines.
 */
function send<T>(
  url: string,
  body: FormData,
  onUpload: (loaded: number, total: number) => void,
  onChunk?: (text: string) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded, e.total);
    xhr.onprogress = () => onChunk?.(xhr.responseText);
    xhr.onerror = () => reject(new UploadError({ title: "Network error", status: 0, code: "network" }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else
        reject(
          new UploadError(
            data && typeof data === "object" && "title" in data
              ? (data as Problem)
              : // Not problem+json (a proxy's error page): worded in the browser by useErrorText.
                { title: xhr.statusText || "Error", status: xhr.status, code: "unexpected" },
          ),
        );
    };
    xhr.send(body);
  });
}

/** The last complete NDJSON line of the import's stream. */
function lastLine(text: string): Record<string, unknown> | null {
  const lines = text.split("\n").filter((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i]!);
    } catch {
      continue;
    }
  }
  return null;
}

export function ImportWizard() {
  const t = useTranslations("leads.import");
  const describe = useErrorText();
  const refreshLists = useRefreshLeadLists();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);

  const fail = (e: unknown) => {
    const problem = e instanceof UploadError ? e.problem : null;
    setError({
      message: problem ? (problem.detail ?? describe(new ApiError(problem))) : String(e),
      // Field errors arrive in the reader's language; a mapping error names its column, others speak for themselves.
      details: Object.entries(problem?.errors ?? {}).map(([k, v]) =>
        k.startsWith("mapping.") ? `${k.slice("mapping.".length)}: ${v.join(" ")}` : v.join(" "),
      ),
    });
  };

  const upload = async (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    setReport(null);
    setError(null);
    const body = new FormData();
    body.append("file", chosen);
    setProgress({ phase: "upload", done: 0, total: chosen.size });
    try {
      const result = await send<Preview>("/api/v1/leads/import/preview", body, (done, total) =>
        setProgress({ phase: "upload", done, total }),
      );
      setPreview(result);
      setMapping(Object.fromEntries(result.headers.map((h) => [h, result.mapping[h] ?? ""])));
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  };

  const runImport = async () => {
    if (!file || !preview) return;
    setError(null);
    const body = new FormData();
    body.append("file", file);
    body.append("mapping", JSON.stringify(Object.fromEntries(Object.entries(mapping).map(([h, f]) => [h, f || null]))));
    setProgress({ phase: "upload", done: 0, total: file.size });
    try {
      const raw = await send<unknown>(
        "/api/v1/leads/import?stream=1",
        body,
        (done, total) =>
          setProgress({
            phase: done < total ? "upload" : "import",
            done: done < total ? done : 0,
            total: done < total ? total : 0,
          }),
        (text) => {
          const line = lastLine(text);
          if (line && typeof line.processed === "number" && typeof line.total === "number") {
            setProgress({ phase: "import", done: line.processed, total: line.total });
          }
        },
      );
      // Streamed: NDJSON text whose last line is { report }; plain: the report itself.
      const final = typeof raw === "string" ? lastLine(raw) : (raw as Record<string, unknown>);
      const result = (final && "report" in final ? final.report : final) as Report | { error?: Problem } | null;
      if (!result || !("created" in result)) {
        throw new UploadError((result as { error?: Problem } | null)?.error ?? { title: t("failed"), status: 500 });
      }
      setReport(result);
      await refreshLists();
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  };

  const used = Object.values(mapping).filter(Boolean);
  const hasName = used.includes("name") || used.includes("first_name") || used.includes("last_name");
  const duplicate = used.find((f, i) => used.indexOf(f) !== i);

  return (
    <div className="space-y-5">
      <Card title={t("step1")} description={t("step1Intro")}>
        <label htmlFor={fileId} className="block text-sm font-medium">
          {t("file")}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          disabled={Boolean(progress)}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) void upload(chosen);
          }}
          className="mt-1 block w-full text-sm file:me-3 file:rounded-md file:border-0 file:bg-primary file:px-3 file:py-2 file:text-sm file:font-medium file:text-primary-foreground hover:file:bg-primary-hover"
        />
        <p className="mt-2 text-xs text-subtle-foreground">{t("hint")}</p>
      </Card>

      {progress && <ProgressBar progress={progress} />}
      {error && (
        <Alert tone="error">
          <p>{error.message}</p>
          {error.details.length > 0 && (
            <ul className="mt-1 list-disc ps-5">
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}

      {preview && !report && (
        <Card title={t("step2")} description={t("step2Intro", { file: file?.name ?? "" })}>
          <div className="overflow-x-auto">
            <Table data-testid="import-preview">
              <THead className="text-sm text-foreground normal-case">
                <TRow className="align-bottom">
                  {preview.headers.map((header, i) => (
                    <THeader key={header} className="min-w-40 px-2 font-normal">
                      <span className="block truncate text-xs font-semibold text-secondary-foreground uppercase">
                        {header}
                      </span>
                      <label htmlFor={`map-${i}`} className="sr-only">
                        {t("mapLabel", { column: header })}
                      </label>
                      <Select
                        size="sm"
                        id={`map-${i}`}
                        value={mapping[header] ?? ""}
                        onChange={(e) => setMapping({ ...mapping, [header]: e.target.value })}
                        className="mt-1 shadow-none"
                      >
                        <option value="">{t("skip")}</option>
                        {preview.fields.map((field) => (
                          <option key={field} value={field}>
                            {t(`fields.${field}`)}
                          </option>
                        ))}
                      </Select>
                    </THeader>
                  ))}
                </TRow>
              </THead>
              <TBody>
                {preview.rows.map((row, r) => (
                  <TRow key={r}>
                    {preview.headers.map((header, c) => (
                      <TCell
                        key={header}
                        className={mapping[header] ? "px-2 py-1.5" : "px-2 py-1.5 text-faint-foreground line-through"}
                      >
                        {row[c] ?? ""}
                      </TCell>
                    ))}
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
          {!hasName && (
            <Alert tone="warning" className="mt-3">
              {t("needName")}
            </Alert>
          )}
          {duplicate && (
            <Alert tone="warning" className="mt-3">
              {t("duplicate", { field: t(`fields.${duplicate}`) })}
            </Alert>
          )}
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setPreview(null)} disabled={Boolean(progress)}>
              {t("startOver")}
            </Button>
            <Button onClick={runImport} loading={Boolean(progress)} disabled={!hasName || Boolean(duplicate)}>
              {t("run")}
            </Button>
          </div>
        </Card>
      )}

      {report && (
        <Card title={t("reportTitle")}>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-report">
            {(["total", "created", "merged", "skipped"] as const).map((k) => (
              <div key={k} className="rounded-md bg-surface-hover p-3">
                <dt className="text-xs text-subtle-foreground">{t(`report.${k}`)}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{report[k]}</dd>
              </div>
            ))}
          </dl>
          {report.errors.length > 0 && (
            <div className="mt-4 overflow-x-auto">
              <p className="mb-2 text-sm font-medium">{t("rowErrors", { count: report.errors.length })}</p>
              <Table>
                <THead>
                  <TRow>
                    <THeader className="py-1">{t("row")}</THeader>
                    <THeader className="py-1 pe-0">{t("problem")}</THeader>
                  </TRow>
                </THead>
                <TBody>
                  {report.errors.map((e) => (
                    <TRow key={e.row}>
                      <TCell className="py-1 tabular-nums">{e.row}</TCell>
                      <TCell className="py-1 pe-0">
                        {Object.entries(e.errors).map(([field, messages]) => (
                          <span key={field} className="block">
                            {field !== "_" && (
                              <>
                                <span className="font-medium">
                                  {t.has(`fields.${field}`) ? t(`fields.${field}`) : field}
                                </span>
                                :{" "}
                              </>
                            )}
                            {messages.join(" ")}
                          </span>
                        ))}
                      </TCell>
                    </TRow>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
          <div className="mt-4 flex gap-3">
            <Link href="/leads" className="text-sm text-primary-text hover:underline">
              {t("viewLeads")} <DirectionalArrow to="forward" />
            </Link>
            <button
              type="button"
              className="text-sm text-muted-foreground hover:underline"
              onClick={() => {
                setReport(null);
                setPreview(null);
                setFile(null);
              }}
            >
              {t("another")}
            </button>
          </div>
        </Card>
      )}
    </div>
  );
}

function ProgressBar({ progress }: { progress: Progress }) {
  const t = useTranslations("leads.import");
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : null;
  const label = progress.phase === "upload" ? t("uploading") : t("importing");
  return (
    <div className="space-y-1" data-testid="import-progress">
      <p className="text-sm text-muted-foreground">
        {label}
        {percent !== null && ` ${percent}%`}
        {progress.phase === "import" &&
          progress.total > 0 &&
          ` (${t("rowsProgress", { done: progress.done, total: progress.total })})`}
      </p>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-2 w-full overflow-hidden rounded-full bg-border"
      >
        <div
          className={percent === null ? "h-full w-1/3 animate-pulse bg-ring" : "h-full bg-primary transition-[width]"}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
