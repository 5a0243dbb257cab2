import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/bell";
import { ContinueBanner } from "@/components/session-state/continue-banner";
import { BillingBanner } from "@/components/billing/billing-banner";
import { LiveEventsProvider } from "@/components/realtime/live-events";
import { Logo } from "@/components/shell/logo";
import { MobileNav } from "@/components/shell/mobile-nav";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SidebarToggle } from "@/components/shell/sidebar-toggle";
import { cn } from "@/components/ui/cn";
import { UserMenu } from "@/components/shell/user-menu";
import { requireOrgSession } from "@/lib/auth/page-session";
import { isPlatformAdmin } from "@/lib/auth/platform";
import { currentPreferences } from "@/lib/preferences/current";
import { continueOffer } from "@/lib/session-state/restore";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [session, t, prefs] = await Promise.all([requireOrgSession(), getTranslations("nav"), currentPreferences()]);
  const platformAdmin = await isPlatformAdmin(session);
  // Rendered with the page, not fetched after it: the offer is there on the first paint.
  const offer = await continueOffer(session);
  // Collapsed: icons only, and the organization switcher moves to the header.
  const collapsed = prefs?.preferences.interface.sidebarCollapsed ?? false;
  const switcher = <OrgSwitcher current={session.org} memberships={session.memberships} />;
  return (
    <LiveEventsProvider orgId={session.org.orgId}>
      {/* The first thing Tab reaches: past the navigation straight to the page (WCAG 2.4.1). */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:start-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-foreground focus:shadow-lg"
      >
        {t("skipToContent")}
      </a>
      <div className="flex min-h-screen">
        <aside
          data-collapsed={collapsed || undefined}
          className={cn(
            "hidden shrink-0 flex-col gap-4 border-e border-border bg-surface md:flex",
            collapsed ? "w-16 items-center px-2 py-4" : "w-64 p-4",
          )}
        >
          <div className="flex items-center justify-between gap-2">
            <Link href="/dashboard" className="flex items-center gap-2 px-1 font-semibold" aria-label="Kiln">
              <Logo className="size-7" />
              {!collapsed && <span aria-hidden>Kiln</span>}
            </Link>
            {!collapsed && <SidebarToggle collapsed={false} />}
          </div>
          {!collapsed && switcher}
          <SidebarNav collapsed={collapsed} />
          {collapsed && <SidebarToggle collapsed />}
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-between gap-3 border-b border-border bg-surface px-4">
            <div className="flex items-center gap-2">
              <MobileNav header={switcher} />
              {collapsed && <div className="hidden md:block">{switcher}</div>}
              <span className="truncate text-sm font-medium md:hidden" data-testid="current-org">
                {session.org.orgName}
              </span>
            </div>
            <div className="flex items-center gap-2">
              <NotificationBell />
              <UserMenu name={session.user.fullName} email={session.user.email} platformAdmin={platformAdmin} />
            </div>
          </header>
          {/* Pages with wide tables (the leads list) mark themselves data-wide to get more room. */}
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto outline-none w-full max-w-5xl flex-1 p-4 has-[[data-wide]]:max-w-7xl md:p-8"
          >
            <BillingBanner session={session} />
            {offer && <ContinueBanner offer={offer} currentOrgId={session.org.orgId} />}
            {children}
          </main>
        </div>
      </div>
    </LiveEventsProvider>
  );
}
