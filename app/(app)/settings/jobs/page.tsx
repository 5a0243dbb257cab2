import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { JobFailuresPanel } from "@/components/settings/jobs/job-failures-panel";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { listJobFailures } from "@/lib/jobs/failures";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("jobs") };
}

/** Settings → Background jobs: dead letters of this organization, for admins. */
export default async function JobsPage() {
  const session = await requireOrgSession();
  const org = session.org;
  if (!can(org.role, "readJobFailures")) notFound();
  const failures = await listJobFailures(session.claims, org.orgId);
  return <JobFailuresPanel initialFailures={JSON.parse(JSON.stringify(failures))} />;
}
