import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { getOrganizationSummary } from "@/lib/orgs/organization";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireOrgSession();
  const org = session.org;
  const [t, summary] = await Promise.all([
    getTranslations(),
    withRls(session.claims, (tx) => getOrganizationSummary(tx, org.orgId)),
  ]);
  // Only the steps this role can take: the API would refuse the others.
  const links = [
    ...(can(org.role, "inviteMembers") ? [{ href: "/settings/organization", label: t("dashboard.inviteTeam") }] : []),
    ...(can(org.role, "manageProjects") ? [{ href: "/settings/projects", label: t("dashboard.manageProjects") }] : []),
    { href: "/settings/account", label: t("dashboard.account") },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="dashboard-title">
          {t("dashboard.title", { name: session.user.fullName || session.user.email })}
        </h1>
        <p className="mt-1 text-sm text-muted-foreground" data-testid="dashboard-role">
          {t("dashboard.intro", { org: org.orgName, role: t(`roles.${org.role}`) })}
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <p className="text-sm text-subtle-foreground">{t("dashboard.members")}</p>
          <p className="mt-1 text-3xl font-semibold">{summary?.members ?? 0}</p>
        </Card>
        <Card>
          <p className="text-sm text-subtle-foreground">{t("dashboard.projects")}</p>
          <p className="mt-1 text-3xl font-semibold">{summary?.projects ?? 0}</p>
        </Card>
      </div>
      <Card title={t("dashboard.nextSteps")}>
        <ul className="space-y-2 text-sm">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-primary-text hover:underline">
                {link.label} →
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
