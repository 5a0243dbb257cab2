"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { CopyButton } from "./copy-button";

/**
 * A freshly created or rotated secret, shown this once: Kiln keeps only a hash or never shows it
 * again, so the warning and the copy button sit next to the value until the admin dismisses it.
 */
export function SecretOnce({
  secret,
  label,
  title,
  warning,
  doneLabel,
  onDone,
  testId,
}: {
  secret: string;
  /** Names the field and its copy button ("API key" → "Copy API key"). */
  label: string;
  title: string;
  warning: string;
  doneLabel: string;
  onDone: () => void;
  testId?: string;
}) {
  return (
    <Alert tone="success">
      <div className="space-y-2" data-testid={testId}>
        <p className="font-medium">{title}</p>
        <p className="text-sm">{warning}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            readOnly
            value={secret}
            aria-label={label}
            className="min-w-0 flex-1 font-mono text-xs"
            dir="ltr"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={secret} name={label} />
          <Button size="sm" variant="ghost" onClick={onDone}>
            {doneLabel}
          </Button>
        </div>
      </div>
    </Alert>
  );
}
