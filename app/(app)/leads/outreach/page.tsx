import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RunList } from "@/components/outreach/run-report";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { requireOrgSession } from "@/lib/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outreach.report"))("title") };
}

/** Bulk template sends and their reports, to open later. */
export default async function OutreachRunsPage() {
  await requireOrgSession();
  const t = await getTranslations("outreach.report");
  const tl = await getTranslations("leads");
  return (
    <div className="space-y-4">
      <Link href="/leads" className="inline-block text-sm text-primary-text hover:underline">
        <DirectionalArrow to="back" /> {tl("backToLeads")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <RunList />
    </div>
  );
}
