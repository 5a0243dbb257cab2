import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectsPanel } from "@/components/settings/projects-panel";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { listProjects } from "@/lib/orgs/projects";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("projects") };
}

export default async function ProjectsPage() {
  const session = await requireOrgSession();
  const org = session.org;
  const projects = await withRls(session.claims, (tx) => listProjects(tx, org.orgId, { includeArchived: true }));
  return (
    <ProjectsPanel initialProjects={JSON.parse(JSON.stringify(projects))} canManage={can(org.role, "manageProjects")} />
  );
}
