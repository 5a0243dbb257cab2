import Link from "next/link";
import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/bell";
import { LiveEventsProvider } from "@/components/realtime/live-events";
import { Logo } from "@/components/shell/logo";
import { MobileNav } from "@/components/shell/mobile-nav";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { requireOrgSession } from "@/lib/auth/page-session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireOrgSession();
  const switcher = <OrgSwitcher current={session.org} memberships={session.memberships} />;
  return (
    <LiveEventsProvider orgId={session.org.orgId}>
      <div className="flex min-h-screen">
        <aside className="hidden w-64 shrink-0 flex-col gap-4 border-e border-border bg-surface p-4 md:flex">
          <Link href="/dashboard" className="flex items-center gap-2 px-1 font-semibold">
            <Logo className="size-7" /> Kiln
          </Link>
          {switcher}
          <SidebarNav />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-between gap-3 border-b border-border bg-surface px-4">
            <div className="flex items-center gap-2">
              <MobileNav header={switcher} />
              <span className="truncate text-sm font-medium md:hidden" data-testid="current-org">
                {session.org.orgName}
              </span>
            </div>
            <div className="flex items-center gap-2">
              <NotificationBell />
              <UserMenu name={session.user.fullName} email={session.user.email} />
            </div>
          </header>
          {/* Pages with wide tables (the leads list) mark themselves data-wide to get more room. */}
          <main className="mx-auto w-full max-w-5xl flex-1 p-4 has-[[data-wide]]:max-w-7xl md:p-8">{children}</main>
        </div>
      </div>
    </LiveEventsProvider>
  );
}
