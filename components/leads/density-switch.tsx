"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { UI_VIEW_MODES } from "@/lib/session-state/schema";
import type { TableDensity } from "./leads-table";

/** Comfortable or compact rows for the lead table: two toggle buttons, the chosen one pressed. */
export function DensitySwitch({ value, onChange }: { value: TableDensity; onChange: (density: TableDensity) => void }) {
  const t = useTranslations("leads.density");
  const labels: Record<TableDensity, string> = { comfortable: t("comfortable"), compact: t("compact") };
  return (
    <div
      role="group"
      aria-label={t("label")}
      data-testid="table-density"
      className="inline-flex rounded-md border border-border-strong p-0.5"
    >
      {UI_VIEW_MODES["leads.table"].map((mode) => (
        <button
          key={mode}
          type="button"
          aria-pressed={value === mode}
          onClick={() => onChange(mode)}
          className={cn(
            "rounded px-2 py-0.5 text-xs font-medium",
            value === mode ? "bg-primary text-primary-foreground" : "text-secondary-foreground hover:bg-surface-hover",
          )}
        >
          {labels[mode]}
        </button>
      ))}
    </div>
  );
}
