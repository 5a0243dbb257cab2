"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Menu, MenuCheckboxItem, MenuContent, MenuItem, MenuSeparator, MenuTrigger } from "@/components/ui/menu";
import { DEFAULT_COLUMNS, OPTIONAL_COLUMNS, type OptionalColumn } from "@/lib/leads/columns";

/** The menu that shows or hides the table's optional columns (and resets them). */
export function ColumnChooser({
  visible,
  onChange,
}: {
  visible: Set<OptionalColumn>;
  onChange: (columns: OptionalColumn[]) => void;
}) {
  const t = useTranslations("leads");
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button size="sm" variant="ghost">
          {t("columns.choose")}
        </Button>
      </MenuTrigger>
      <MenuContent align="end" className="min-w-48">
        {OPTIONAL_COLUMNS.map((c) => (
          <MenuCheckboxItem
            key={c}
            checked={visible.has(c)}
            onCheckedChange={(checked) =>
              onChange(OPTIONAL_COLUMNS.filter((x) => (x === c ? checked : visible.has(x))))
            }
          >
            {t(`columns.${c}`)}
          </MenuCheckboxItem>
        ))}
        <MenuSeparator />
        <MenuItem onSelect={() => onChange(DEFAULT_COLUMNS)}>{t("columns.reset")}</MenuItem>
      </MenuContent>
    </Menu>
  );
}
