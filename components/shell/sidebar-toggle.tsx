"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useUpdatePreferences } from "@/components/settings/preferences/hooks";
import { mirrorInRtl } from "@/components/ui/directional-icon";
import { cn } from "@/components/ui/cn";

/**
 * Collapses the sidebar to its icons and back. The choice is the user's preference
 * (`interface.sidebarCollapsed`), so the server renders the same sidebar on every device.
 */
export function SidebarToggle({ collapsed }: { collapsed: boolean }) {
  const t = useTranslations("nav");
  const router = useRouter();
  const update = useUpdatePreferences();
  return (
    <button
      type="button"
      aria-pressed={collapsed}
      aria-label={collapsed ? t("expandSidebar") : t("collapseSidebar")}
      title={collapsed ? t("expandSidebar") : t("collapseSidebar")}
      disabled={update.isPending}
      onClick={() =>
        update.mutate({ interface: { sidebarCollapsed: !collapsed } }, { onSuccess: () => router.refresh() })
      }
      className="rounded-md p-2 text-secondary-foreground hover:bg-muted"
    >
      {/* Points where the sidebar will go: toward the start to collapse, the end to expand. */}
      <svg viewBox="0 0 16 16" aria-hidden className={cn("size-4", mirrorInRtl)}>
        <path
          d={collapsed ? "M6 3l5 5-5 5" : "M10 3 5 8l5 5"}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
    </button>
  );
}
