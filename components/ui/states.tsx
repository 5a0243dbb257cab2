import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Spinner } from "./spinner";

/** The three states every list has besides "has rows". */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className="flex justify-center py-8">
      <Spinner label={label} />
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-border-strong px-4 py-8 text-center">
      <p className="text-sm font-medium text-foreground-soft">{title}</p>
      {children && <div className="mt-1 text-sm text-subtle-foreground">{children}</div>}
    </div>
  );
}

export function ErrorState({ message, retry }: { message: string; retry?: ReactNode }) {
  return (
    <Alert tone="error" className="flex items-center justify-between gap-3">
      <span>{message}</span>
      {retry}
    </Alert>
  );
}
