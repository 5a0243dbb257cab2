import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const [t, session] = await Promise.all([getTranslations("settings"), requireOrgSession()]);
  const role = session.org.role;
  const items = [
    { href: "/settings/organization", label: t("organization") },
    { href: "/settings/projects", label: t("projects") },
    { href: "/settings/account", label: t("account") },
    { href: "/settings/preferences", label: t("preferences") },
    { href: "/settings/notifications", label: t("notifications") },
    { href: "/settings/reports", label: t("reports") },
    { href: "/settings/channels", label: t("channels") },
    { href: "/settings/inbox", label: t("conversationHandling") },
    // Everyone connects their own Google account there; admins also the organization's Calendly.
    { href: "/settings/integrations", label: t("integrations") },
    ...(can(role, "manageBilling") ? [{ href: "/settings/billing", label: t("billing") }] : []),
    ...(can(role, "manageApiKeys") ? [{ href: "/settings/api-keys", label: t("apiKeys") }] : []),
    ...(can(role, "readAuditLog") ? [{ href: "/settings/audit", label: t("audit") }] : []),
    ...(can(role, "readJobFailures") ? [{ href: "/settings/jobs", label: t("jobs") }] : []),
    ...(can(role, "manageWebhooks") ? [{ href: "/settings/webhooks", label: t("webhooks") }] : []),
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <SettingsNav items={items} label={t("sections")} />
      {children}
    </div>
  );
}
