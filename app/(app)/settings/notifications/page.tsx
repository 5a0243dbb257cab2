import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationSettingsForm } from "@/components/notifications/settings-form";
import { requireOrgSession } from "@/lib/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("notificationSettings") };
}

/** Settings → Notifications: each user's own channels, quiet hours and devices. */
export default async function NotificationSettingsPage() {
  const [t] = await Promise.all([getTranslations("notifications.settings"), requireOrgSession()]);
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      <NotificationSettingsForm />
    </div>
  );
}
