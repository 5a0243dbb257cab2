"use client";

import { UserText } from "@/components/ui/bidi";
import { cn } from "@/components/ui/cn";
import type { ConversationTag, TagColor } from "@/lib/inbox/tag-palette";

/**
 * A palette key's swatch (the `--tag-*` tokens in app/globals.css): a faint tint behind the
 * foreground colour (readable in both themes) and a solid dot. The name is always written out, so colour is never the
 * only cue.
 */
export const TAG_STYLES: Record<TagColor, { chip: string; dot: string }> = {
  slate: { chip: "bg-tag-slate/15 ring-tag-slate/40", dot: "bg-tag-slate" },
  red: { chip: "bg-tag-red/15 ring-tag-red/40", dot: "bg-tag-red" },
  orange: { chip: "bg-tag-orange/15 ring-tag-orange/40", dot: "bg-tag-orange" },
  amber: { chip: "bg-tag-amber/15 ring-tag-amber/40", dot: "bg-tag-amber" },
  green: { chip: "bg-tag-green/15 ring-tag-green/40", dot: "bg-tag-green" },
  teal: { chip: "bg-tag-teal/15 ring-tag-teal/40", dot: "bg-tag-teal" },
  blue: { chip: "bg-tag-blue/15 ring-tag-blue/40", dot: "bg-tag-blue" },
  indigo: { chip: "bg-tag-indigo/15 ring-tag-indigo/40", dot: "bg-tag-indigo" },
  purple: { chip: "bg-tag-purple/15 ring-tag-purple/40", dot: "bg-tag-purple" },
  pink: { chip: "bg-tag-pink/15 ring-tag-pink/40", dot: "bg-tag-pink" },
};

export function TagDot({ color, className }: { color: TagColor; className?: string }) {
  return <span aria-hidden className={cn("size-2 shrink-0 rounded-full", TAG_STYLES[color]?.dot, className)} />;
}

export function TagChip({ tag, className }: { tag: ConversationTag; className?: string }) {
  return (
    <span
      data-testid="tag-chip"
      className={cn(
        "inline-flex max-w-32 items-center gap-1 rounded-full px-1.5 py-px text-[11px] font-medium text-foreground ring-1 ring-inset",
        TAG_STYLES[tag.color]?.chip,
        className,
      )}
    >
      <TagDot color={tag.color} className="size-1.5" />
      <UserText className="truncate">{tag.name}</UserText>
    </span>
  );
}

export function TagChips({ tags, className }: { tags: ConversationTag[]; className?: string }) {
  if (!tags.length) return null;
  return (
    <span className={cn("flex min-w-0 flex-wrap items-center gap-1", className)}>
      {tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
    </span>
  );
}
