import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("apiKeys") };
}

export default async function ApiKeysPage() {
  const session = await requireOrgSession();
  const org = session.org;
  if (!can(org.role, "manageApiKeys")) notFound();
  const keys = await withRls(session.claims, (tx) => listApiKeys(tx, org.orgId));
  return <ApiKeysPanel initialKeys={keys} />;
}
