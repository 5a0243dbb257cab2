"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { analyticsSearchParams } from "@/lib/analytics/schema";
import type { RangeKey } from "@/lib/analytics/types";

export type DownloadPdfButtonProps = {
  range: RangeKey;
  /** Local dates (YYYY-MM-DD) of a custom range. */
  from?: string;
  to?: string;
  /** null or undefined: all projects. */
  projectId?: string | null;
  size?: ButtonProps["size"];
  variant?: ButtonProps["variant"];
};

/** The file name the server chose (Content-Disposition), else a sensible default. */
function fileName(response: Response): string {
  const header = response.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(header);
  const name = match?.[1] ? decodeURIComponent(match[1]) : match?.[2];
  return name || "kiln-dashboard.pdf";
}

/**
 * Downloads the dashboard as a PDF for the range and project on screen
 * (`GET /api/v1/analytics/pdf`, the same query as the analytics API). Generating takes a
 * moment, so the button shows progress and a failure says so instead of doing nothing.
 */
export function DownloadPdfButton({
  range,
  from,
  to,
  projectId,
  size = "sm",
  variant = "secondary",
}: DownloadPdfButtonProps) {
  const t = useTranslations("reports.download");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const params = analyticsSearchParams({ range, from, to, project: projectId ?? undefined });
      const response = await fetch(`/api/v1/analytics/pdf?${params}`, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName(response);
      document.body.append(link);
      link.click();
      link.remove();
      // Give the browser a moment to start the download before the blob goes away.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant={variant} size={size} loading={busy} onClick={download}>
        {busy ? t("preparing") : t("button")}
      </Button>
      {failed && <Alert tone="error">{t("failed")}</Alert>}
    </div>
  );
}
