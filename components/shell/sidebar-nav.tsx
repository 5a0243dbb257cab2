"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { hasRole, type Role } from "@/lib/auth/roles";
import { api } from "@/lib/client/api";
import { Icon } from "./icons";
import { NAV_ITEMS } from "./nav-items";

export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  // Live events invalidate this key, so the badge follows new messages without polling.
  const unread = useQuery({
    queryKey: ["inbox-unread"],
    queryFn: () => api<{ count: number }>("/api/v1/conversations/unread-count"),
    staleTime: 30_000,
  });
  const unreadCount = unread.data?.count ?? 0;
  // The role picks the entries; a hard navigation (switching organizations) drops this cache.
  const me = useQuery({
    queryKey: ["me"],
    queryFn: () => api<{ organization: { role: Role } | null }>("/api/me"),
    staleTime: 5 * 60_000,
  });
  const role = me.data?.organization?.role;
  const approver = hasRole(role, "manager");
  // Live events ("hil_tasks") invalidate this key, so the badge follows new and decided drafts.
  const approvals = useQuery({
    queryKey: ["approvals-count"],
    queryFn: () => api<{ pending: number }>("/api/v1/approvals/count"),
    staleTime: 30_000,
    enabled: approver,
  });
  const pendingApprovals = approver ? (approvals.data?.pending ?? 0) : 0;
  return (
    <nav aria-label={t("main")} className="space-y-1">
      {NAV_ITEMS.filter((item) => !item.minRole || hasRole(role, item.minRole)).map((item) => {
        const section = item.href.split("/")[1];
        const active = pathname.startsWith(`/${section}`);
        return (
          <Link
            key={item.href}
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
              active
                ? "bg-orange-50 text-orange-800 dark:bg-orange-950 dark:text-orange-200"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
            )}
          >
            <Icon name={item.icon} className="size-4" />
            <span className="flex-1">{t(item.labelKey)}</span>
            {item.href === "/inbox" && unreadCount > 0 && (
              <span className="rounded-full bg-orange-600 px-1.5 text-xs font-semibold text-white" aria-label={t("unread", { count: unreadCount })}>
                {unreadCount > 99 ? "99+" : unreadCount}
              </span>
            )}
            {item.href === "/approvals" && pendingApprovals > 0 && (
              <span className="rounded-full bg-violet-600 px-1.5 text-xs font-semibold text-white" aria-label={t("pendingApprovals", { count: pendingApprovals })} data-testid="approvals-badge">
                {pendingApprovals > 99 ? "99+" : pendingApprovals}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
