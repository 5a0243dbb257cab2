import { cn } from "@/components/ui/cn";

/** A kiln's flame: the mark only, so it works at any size without a font. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" role="img" aria-label="Kiln" className={cn("text-primary", className)}>
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M16 6c1 4 6 6 6 12a6 6 0 0 1-12 0c0-3 2-5 3-6 0 2 1 3 2 3 0-3-1-6 1-9z" fill="#fff" />
    </svg>
  );
}
