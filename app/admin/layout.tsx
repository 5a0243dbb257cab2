import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { consoleAdmin } from "@/lib/platform/page";

/**
 * The platform admin console: for the people who run this installation, across every
 * organization. Anyone else gets the 404 page (lib/platform/page.ts).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [admin, t] = await Promise.all([consoleAdmin(), getTranslations("platformAdmin")]);
  const links = [
    { href: "/admin", label: t("organizations") },
    { href: "/admin/users", label: t("users") },
    { href: "/admin/errors", label: t("errors") },
    { href: "/admin/queues", label: t("queues") },
  ];
  return (
    <div className="min-h-screen">
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-2 font-semibold">
            <Logo className="size-7" />
            <span>{t("title")}</span>
          </div>
          <nav aria-label={t("title")} className="flex flex-wrap gap-1">
            {links.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                className="rounded-md px-3 py-1.5 text-sm text-secondary-foreground hover:bg-muted"
              >
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="flex items-center gap-3 text-sm text-muted-foreground">
            <span data-testid="console-admin">{admin.email}</span>
            <Link href="/dashboard" className="text-primary-text hover:underline">
              {t("backToApp")}
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl space-y-4 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
