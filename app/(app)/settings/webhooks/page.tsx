import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { WebhooksPanel } from "@/components/settings/webhooks/webhooks-panel";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("webhooks") };
}

/** Settings → Webhooks: outbound webhook endpoints and their delivery logs, for admins. */
export default async function WebhooksPage() {
  const session = await requireOrgSession();
  const org = session.org;
  if (!can(org.role, "manageWebhooks")) notFound();
  const endpoints = await withRls(session.claims, (tx) => listWebhookEndpoints(tx, org.orgId));
  return <WebhooksPanel initialEndpoints={endpoints} />;
}
