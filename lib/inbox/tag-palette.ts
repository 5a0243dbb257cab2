/**
 * The colours a conversation tag may have (the check on public.conversation_tags.color). Keys,
 * not shades: components/inbox/tag-chip.tsx picks shades that keep text readable (WCAG AA) in
 * the light and the dark theme, and a chip always shows the tag's name, never colour alone.
 */
export const TAG_COLORS = [
  "slate",
  "red",
  "orange",
  "amber",
  "green",
  "teal",
  "blue",
  "indigo",
  "purple",
  "pink",
] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export type ConversationTag = { id: string; name: string; color: TagColor };
