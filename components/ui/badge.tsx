import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  neutral: "bg-muted text-secondary-foreground",
  primary: "bg-primary-muted text-primary-muted-foreground",
  success: "bg-success-muted text-success-muted-foreground",
  warning: "bg-warning-muted text-warning-muted-foreground",
  danger: "bg-danger-muted text-danger-muted-foreground",
  info: "bg-info-muted text-info-muted-foreground",
  ai: "bg-ai-muted text-ai-muted-foreground",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({
  tone = "neutral",
  children,
  className,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", TONES[tone], className)}
    >
      {children}
    </span>
  );
}
