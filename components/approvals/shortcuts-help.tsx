"use client";

import { useTranslations } from "next-intl";
import { ShortcutsDialog, type Shortcut } from "@/components/ui/shortcuts";

/** Every key the approvals queue answers to (use-queue.ts binds them, the editor adds its two). */
function useShortcutList(canApprove: boolean): Shortcut[] {
  const t = useTranslations("approvals.shortcuts");
  const all: (Shortcut & { approverOnly?: boolean })[] = [
    { keys: ["j", "k", "↓", "↑"], label: t("moveLong") },
    { keys: ["a"], label: t("approveLong"), approverOnly: true },
    { keys: ["r"], label: t("rejectLong"), approverOnly: true },
    { keys: ["e"], label: t("editLong"), approverOnly: true },
    { keys: ["x"], label: t("selectLong"), approverOnly: true },
    { keys: ["Ctrl+Enter"], label: t("approveEditing"), approverOnly: true },
    { keys: ["Esc"], label: t("leaveEditor"), approverOnly: true },
    { keys: ["?"], label: t("helpLong") },
  ];
  return all.filter((shortcut) => canApprove || !shortcut.approverOnly);
}

/** The queue's shortcuts in the shared dialog, opened by `?` or the legend's button. */
export function ShortcutsHelp({
  open,
  onOpenChange,
  canApprove,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canApprove: boolean;
}) {
  const t = useTranslations("approvals.shortcuts");
  const shortcuts = useShortcutList(canApprove);
  return (
    <ShortcutsDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("helpTitle")}
      description={t("helpDescription")}
      closeLabel={t("close")}
      shortcuts={shortcuts}
    />
  );
}
