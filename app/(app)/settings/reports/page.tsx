import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReportsSettings } from "@/components/reports/reports-settings";
import { userTimeZone } from "@/lib/analytics";
import { requireOrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";
import { listProjects } from "@/lib/orgs/projects";
import { listRuns } from "@/lib/reports/runs";
import { listSubscriptions } from "@/lib/reports/subscriptions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("reports") };
}

export default async function ReportsSettingsPage() {
  const session = await requireOrgSession();
  const orgId = session.org.orgId;
  const { subscriptions, runs, projects, timeZone } = await withRls(session.claims, async (tx) => ({
    subscriptions: await listSubscriptions(tx, orgId),
    runs: await listRuns(tx, orgId),
    projects: await listProjects(tx, orgId),
    timeZone: await userTimeZone(tx, session.user.id),
  }));
  return (
    <ReportsSettings
      initialSubscriptions={subscriptions}
      initialRuns={runs}
      projects={projects.map((p) => ({ id: p.id, name: p.name }))}
      defaultTimeZone={timeZone}
    />
  );
}
