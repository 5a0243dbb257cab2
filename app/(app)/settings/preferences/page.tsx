import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PreferencesForm } from "@/components/settings/preferences/preferences-form";
import { SettingsTransfer } from "@/components/settings/preferences/settings-transfer";
import { requireOrgSession } from "@/lib/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("preferences");
  return { title: t("metaTitle") };
}

/** Settings → Preferences: the user's app preferences (lib/preferences), then export and import of all their settings. */
export default async function PreferencesPage() {
  const [t] = await Promise.all([getTranslations("preferences"), requireOrgSession()]);
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      <PreferencesForm />
      <SettingsTransfer />
    </div>
  );
}
