"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Sheet } from "@/components/ui/sheet";
import { Icon } from "./icons";
import { SidebarNav } from "./sidebar-nav";

/** The sidebar as a slide-over sheet below the md breakpoint. */
export function MobileNav({ header }: { header: ReactNode }) {
  const t = useTranslations("nav");
  const [open, setOpen] = useState(false);
  return (
    <Sheet
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button
          type="button"
          aria-label={t("openMenu")}
          className="rounded-md p-2 text-secondary-foreground hover:bg-muted md:hidden"
        >
          <Icon name="menu" />
        </button>
      }
      title="Kiln"
      description={t("main")}
      descriptionHidden
      closeButton={
        <button type="button" aria-label={t("closeMenu")} className="rounded-md p-1 hover:bg-muted">
          <Icon name="close" />
        </button>
      }
      className="md:hidden"
      overlayClassName="md:hidden"
    >
      {header}
      <SidebarNav onNavigate={() => setOpen(false)} />
    </Sheet>
  );
}
