import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateLeadForm } from "@/components/leads/lead-form";
import { Card } from "@/components/ui/card";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { requireOrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";
import { listProjects } from "@/lib/orgs/projects";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("newLead") };
}

export default async function NewLeadPage() {
  const session = await requireOrgSession();
  const [t, projects] = await Promise.all([
    getTranslations("leads"),
    withRls(session.claims, (tx) => listProjects(tx, session.org.orgId)),
  ]);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/leads" className="inline-block text-sm text-primary-text hover:underline">
        <DirectionalArrow to="back" /> {t("backToLeads")}
      </Link>
      <Card title={t("newLeadTitle")} description={t("newLeadIntro")}>
        <CreateLeadForm projects={projects.map((p) => ({ id: p.id, name: p.name }))} />
      </Card>
    </div>
  );
}
