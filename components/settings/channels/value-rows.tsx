"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "../copy-button";

/** The rows Settings → Channels shows values in: a URL to copy, or a secret to reveal and copy. */
const valueBox =
  "min-w-0 flex-1 truncate rounded-md border border-border-strong bg-background px-3 py-1.5 font-mono text-xs text-foreground-soft";

export function CopyRow({ label, value, sandbox = false }: { label: string; value: string; sandbox?: boolean }) {
  const t = useTranslations("channels");
  const id = useId();
  return (
    <div className="space-y-1">
      <p id={id} className="flex items-center gap-2 text-sm font-medium text-foreground-soft">
        {label}
        {sandbox && <SandboxTag label={t("sandbox")} />}
      </p>
      <div className="flex items-center gap-2">
        <code aria-labelledby={id} className={valueBox} title={value}>
          {value}
        </code>
        <CopyButton value={value} name={label} />
      </div>
    </div>
  );
}

function SandboxTag({ label }: { label: string }) {
  return (
    <span
      className="rounded-full bg-warning-muted px-2 py-0.5 text-xs font-medium text-warning-muted-foreground"
      data-testid="sandbox-tag"
    >
      {label}
    </span>
  );
}

/** A secret shown as dots until revealed; copying never needs revealing. */
export function SecretRow({ label, value }: { label: string; value: string }) {
  const t = useTranslations("channels");
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="space-y-1">
      <p id={id} className="text-sm font-medium text-foreground-soft">
        {label}
      </p>
      <div className="flex items-center gap-2">
        <code aria-labelledby={id} className={valueBox} data-testid="secret-value">
          {shown ? value : "•".repeat(24)}
        </code>
        <Button
          size="sm"
          variant="ghost"
          className="min-w-16"
          aria-pressed={shown}
          aria-label={shown ? t("hideLabel", { name: label }) : t("revealLabel", { name: label })}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t("hide") : t("reveal")}
        </Button>
        <CopyButton value={value} name={label} />
      </div>
    </div>
  );
}
