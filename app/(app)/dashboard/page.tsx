import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { analyticsQueryOf, viewFromParams } from "@/components/dashboard/view";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { analyticsQueryFor, getAnalyticsConcurrently, type RunAsViewer } from "@/lib/analytics";
import { parseAnalyticsParams, searchParamsObject } from "@/lib/analytics/schema";
import { WIDGETS, type PartialAnalytics } from "@/lib/analytics/types";
import { getDashboardSettings } from "@/lib/dashboard/settings";
import type { DashboardSettings } from "@/lib/dashboard/schema";
import { listProjects } from "@/lib/orgs/projects";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("dashboard") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireOrgSession();
  const org = session.org;
  const raw = searchParamsObject(await searchParams);
  const viewer = { userId: session.user.id, orgId: org.orgId, role: org.role };
  const projectId = raw.project && /^[0-9a-f-]{36}$/i.test(raw.project) ? raw.project : null;

  const scope = withRls(session.claims, (tx) =>
    Promise.all([getDashboardSettings(tx, org.orgId, projectId), listProjects(tx, org.orgId)]),
  );
  // A link that names its range reads the numbers alongside the settings; otherwise the
  // user's default range (a setting) decides which numbers to read.
  const numbers = (async (): Promise<{ query: string; analytics: PartialAnalytics | null }> => {
    const named = Boolean(raw.range || raw.from || raw.to);
    const settings: DashboardSettings | null = named ? null : (await scope)[0];
    const view = viewFromParams((key) => raw[key] ?? null, settings?.preferences.defaultRange ?? "30d");
    const query = analyticsQueryOf(view);
    const params = parseAnalyticsParams(new URLSearchParams(query));
    if (!params.success) return { query, analytics: null };
    const visible = settings ? WIDGETS.filter((name) => settings.visibility[name]) : undefined;
    try {
      const run: RunAsViewer = (fn) => withRls(session.claims, fn);
      const q = await run((tx) => analyticsQueryFor(tx, viewer, params.data));
      const analytics = await getAnalyticsConcurrently(run, q, viewer, visible);
      return { query, analytics };
    } catch {
      // Each widget then fetches on its own and shows its own error; the page still renders.
      return { query, analytics: null };
    }
  })();

  const [t, [[settings, projects], initial]] = await Promise.all([getTranslations(), Promise.all([scope, numbers])]);

  // Only the steps this role can take: the API would refuse the others.
  const links = [
    ...(can(org.role, "inviteMembers") ? [{ href: "/settings/organization", label: t("dashboard.inviteTeam") }] : []),
    ...(can(org.role, "manageProjects") ? [{ href: "/settings/projects", label: t("dashboard.manageProjects") }] : []),
    { href: "/settings/account", label: t("dashboard.account") },
  ];
  return (
    <div className="space-y-4" data-wide>
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="dashboard-title">
            {t("dashboard.title", { name: session.user.fullName || session.user.email })}
          </h1>
          <p className="mt-1 text-sm text-muted-foreground" data-testid="dashboard-role">
            {t("dashboard.intro", { org: org.orgName, role: t(`roles.${org.role}`) })}
          </p>
        </div>
        <nav aria-label={t("dashboard.nextSteps")} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="text-primary-text hover:underline">
              {link.label} <DirectionalArrow to="forward" />
            </Link>
          ))}
        </nav>
      </div>
      <DashboardView
        initialSettings={settings}
        initialAnalytics={initial.analytics}
        initialQuery={initial.query}
        projects={projects.map((p) => ({ id: p.id, name: p.name }))}
      />
    </div>
  );
}
