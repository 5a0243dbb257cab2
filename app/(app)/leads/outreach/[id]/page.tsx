import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RunReport } from "@/components/outreach/run-report";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { requireOrgSession } from "@/lib/auth/page-session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outreach.report"))("reportTitle") };
}

/** One bulk send's report: sent, skipped with the reason, failed. */
export default async function OutreachRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requireOrgSession();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const t = await getTranslations("outreach.report");
  return (
    <div className="space-y-4">
      <Link href="/leads/outreach" className="inline-block text-sm text-primary-text hover:underline">
        <DirectionalArrow to="back" /> {t("allRuns")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("reportTitle")}</h1>
      <RunReport id={id} />
    </div>
  );
}
