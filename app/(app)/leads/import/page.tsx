import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/leads/import-wizard";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { requireOrgSession } from "@/lib/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("importLeads") };
}

export default async function ImportLeadsPage() {
  await requireOrgSession();
  const t = await getTranslations("leads");
  return (
    <div className="space-y-4">
      <Link href="/leads" className="inline-block text-sm text-primary-text hover:underline">
        <DirectionalArrow to="back" /> {t("backToLeads")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("import.intro")}</p>
      </div>
      <ImportWizard />
    </div>
  );
}
