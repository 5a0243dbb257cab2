"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";

type Shortcut = { keys: string[]; label: string; approverOnly?: boolean };

/** Every key the approvals queue answers to (use-queue.ts binds them, the editor adds its two). */
function useShortcutList(canApprove: boolean): Shortcut[] {
  const t = useTranslations("approvals.shortcuts");
  const all: Shortcut[] = [
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

/** The list of shortcuts in a dialog, opened by `?` or the legend's button (focus trapped and returned by Radix). */
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
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("helpTitle")}
      description={t("helpDescription")}
      data-testid="shortcuts-help"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.label} className="contents">
            <dt className="flex flex-wrap gap-1">
              {shortcut.keys.map((key) => (
                <kbd key={key} className="rounded border border-border-strong bg-muted px-1.5 font-mono text-xs">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex justify-end">
        <DialogClose>
          <Button variant="secondary">{t("close")}</Button>
        </DialogClose>
      </div>
    </Dialog>
  );
}
