"use client";

import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { Button } from "@/components/ui/button";
import { DEFAULT_COLUMNS, OPTIONAL_COLUMNS, type OptionalColumn } from "./use-columns";

const ITEM = "cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted";

/** The menu that shows or hides the table's optional columns (and resets them). */
export function ColumnChooser({ visible, onChange }: { visible: Set<OptionalColumn>; onChange: (columns: OptionalColumn[]) => void }) {
  const t = useTranslations("leads");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="ghost">
          {t("columns.choose")}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-48 rounded-md border border-border bg-surface p-1 shadow-lg">
          {OPTIONAL_COLUMNS.map((c) => (
            <DropdownMenu.CheckboxItem
              key={c}
              checked={visible.has(c)}
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={(checked) => onChange(OPTIONAL_COLUMNS.filter((x) => (x === c ? checked : visible.has(x))))}
              className={`flex items-center gap-2 ${ITEM}`}
            >
              <span aria-hidden className="inline-flex size-4 items-center justify-center rounded border border-zinc-400 text-[10px]">
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {t(`columns.${c}`)}
            </DropdownMenu.CheckboxItem>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item onSelect={() => onChange(DEFAULT_COLUMNS)} className={ITEM}>
            {t("columns.reset")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
