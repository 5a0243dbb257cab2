"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { hasRole, type Role } from "@/lib/auth/roles";
import { usePendingApprovalsCount } from "@/components/approvals/hooks";
import { useInboxUnreadCount } from "@/components/inbox/hooks";
import { OverdueTasksBadge } from "@/components/tasks/nav-badge";
import { api } from "@/lib/client/api";
import { Icon } from "./icons";
import { sessionKeys } from "./keys";
import { NAV_ITEMS } from "./nav-items";

/** `collapsed`: icons only, each entry still named for screen readers and on hover. */
export function SidebarNav({ onNavigate, collapsed = false }: { onNavigate?: () => void; collapsed?: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  // Live events invalidate this key, so the badge follows new messages without polling.
  const unread = useInboxUnreadCount();
  const unreadCount = unread.data?.count ?? 0;
  // The role picks the entries; a hard navigation (switching organizations) drops this cache.
  const me = useQuery({
    queryKey: sessionKeys.me(),
    queryFn: () => api<{ organization: { role: Role } | null }>("/api/me"),
    staleTime: 5 * 60_000,
  });
  const role = me.data?.organization?.role;
  const approver = hasRole(role, "manager");
  // Live events ("hil_tasks") invalidate this key, so the badge follows new and decided drafts.
  const approvals = usePendingApprovalsCount(approver);
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
            title={collapsed ? t(item.labelKey) : undefined}
            className={cn(
              "relative flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
              active ? "bg-primary-surface text-primary-muted-foreground" : "text-secondary-foreground hover:bg-muted",
            )}
          >
            <Icon name={item.icon} className="size-4" />
            <span className={collapsed ? "sr-only" : "flex-1"}>{t(item.labelKey)}</span>
            {item.href === "/inbox" && unreadCount > 0 && (
              <span
                className={cn(
                  "rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground",
                  collapsed && "absolute -end-1 -top-1",
                )}
                aria-label={t("unread", { count: unreadCount })}
              >
                {unreadCount > 99 ? "99+" : unreadCount}
              </span>
            )}
            {item.href === "/tasks" && <OverdueTasksBadge collapsed={collapsed} />}
            {item.href === "/approvals" && pendingApprovals > 0 && (
              <span
                className={cn(
                  "rounded-full bg-ai px-1.5 text-xs font-semibold text-ai-foreground",
                  collapsed && "absolute -end-1 -top-1",
                )}
                aria-label={t("pendingApprovals", { count: pendingApprovals })}
                data-testid="approvals-badge"
              >
                {pendingApprovals > 99 ? "99+" : pendingApprovals}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
