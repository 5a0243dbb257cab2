import { cn } from "./cn";

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center gap-2">
      <span
        aria-hidden
        className={cn(
          "inline-block size-5 animate-spin rounded-full border-2 border-current border-e-transparent",
          className,
        )}
      />
      {label && <span className="text-sm text-subtle-foreground">{label}</span>}
    </span>
  );
}
