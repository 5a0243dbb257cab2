import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { IntegrationsPanel } from "@/components/settings/integrations/integrations-panel";
import { toJson } from "@/components/leads/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { integrationsOverview } from "@/lib/integrations/overview";
import { listMembers } from "@/lib/orgs/members";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("integrations") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Settings → Integrations (admins): Calendly connection, setup help, sandbox bookings. */
export default async function IntegrationsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireOrgSession();
  const org = session.org;
  if (!can(org.role, "manageIntegrations")) redirect("/settings/organization");
  const params = await searchParams;
  const [overview, members] = await withRls(
    session.claims,
    async (tx) => [await integrationsOverview(tx, org.orgId), await listMembers(tx, org.orgId)] as const,
  );
  const pick = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);
  return (
    <IntegrationsPanel
      initial={toJson(overview)}
      members={members.map((m) => ({ userId: m.userId, name: m.fullName || m.email }))}
      result={{ connected: pick(params.calendly) === "connected", error: pick(params.calendly_error) }}
    />
  );
}
