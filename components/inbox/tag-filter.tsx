"use client";

import { useTranslations } from "next-intl";
import { Menu, MenuCheckboxItem, MenuContent, MenuFilterButton, MenuTrigger } from "@/components/ui/menu";
import { useConversationTags } from "./handling-hooks";
import { TagChip } from "./tag-chip";

/** The inbox list's tag filter: conversations carrying any of the chosen tags (`?tags=a,b`). */
export function TagFilter({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const t = useTranslations("conversationHandling.tags");
  const tags = useConversationTags();
  const all = tags.data ?? [];
  if (!all.length && !selected.length) return null;
  const chosen = all.filter((tag) => selected.includes(tag.id));
  const label = chosen.length ? `${t("filter")}: ${chosen.map((tag) => tag.name).join(", ")}` : t("anyTag");
  return (
    <Menu>
      <MenuTrigger asChild>
        <MenuFilterButton
          data-testid="filter-tags"
          aria-label={label}
          label={label}
          active={selected.length > 0}
          className="col-span-2 h-8 py-0 shadow-none"
        />
      </MenuTrigger>
      <MenuContent>
        {all.map((tag) => (
          <MenuCheckboxItem
            key={tag.id}
            checked={selected.includes(tag.id)}
            onCheckedChange={(checked) =>
              onChange(checked ? [...selected, tag.id] : selected.filter((id) => id !== tag.id))
            }
          >
            <TagChip tag={tag} />
          </MenuCheckboxItem>
        ))}
      </MenuContent>
    </Menu>
  );
}
