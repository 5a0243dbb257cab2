"use client";

import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Icon } from "./icons";
import { SidebarNav } from "./sidebar-nav";

/** The sidebar as a slide-over sheet below the md breakpoint. */
export function MobileNav({ header }: { header: ReactNode }) {
  const t = useTranslations("nav");
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger aria-label={t("openMenu")} className="rounded-md p-2 text-zinc-700 hover:bg-zinc-100 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800">
        <Icon name="menu" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40 md:hidden" />
        <Dialog.Content className="fixed inset-y-0 start-0 z-50 w-72 space-y-4 bg-white p-4 shadow-xl md:hidden dark:bg-zinc-900">
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-sm font-semibold">Kiln</Dialog.Title>
            <Dialog.Close aria-label={t("closeMenu")} className="rounded-md p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <Icon name="close" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{t("main")}</Dialog.Description>
          {header}
          <SidebarNav onNavigate={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
