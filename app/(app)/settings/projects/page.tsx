import type { Metadata } from "next";
import { ProjectsPanel } from "@/components/settings/projects-panel";
import { requireOrgSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/roles";
import { withRls } from "@/lib/db";
import { listProjects } from "@/lib/orgs/projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const session = await requireOrgSession();
  const org = session.org;
  const projects = await withRls(session.claims, (tx) => listProjects(tx, org.orgId, { includeArchived: true }));
  return <ProjectsPanel initialProjects={JSON.parse(JSON.stringify(projects))} canManage={hasRole(org.role, "manager")} />;
}
