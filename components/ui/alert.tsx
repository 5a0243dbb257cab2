import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  error: "border-danger-border bg-danger-surface text-danger-muted-foreground",
  info: "border-info-border bg-info-surface text-info-muted-foreground",
  success: "border-success-border bg-success-surface text-success-muted-foreground",
  warning: "border-warning-border bg-warning-surface text-warning-muted-foreground",
} as const;

export function Alert({
  tone = "info",
  children,
  className,
}: {
  tone?: keyof typeof TONES;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("rounded-md border px-3 py-2 text-sm", TONES[tone], className)}
    >
      {children}
    </div>
  );
}
