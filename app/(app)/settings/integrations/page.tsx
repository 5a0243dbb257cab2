import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GoogleCard } from "@/components/settings/integrations/google-card";
import { IntegrationsPanel } from "@/components/settings/integrations/integrations-panel";
import { toJson } from "@/components/leads/types";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { googleOverview } from "@/lib/integrations/google/overview";
import { integrationsOverview } from "@/lib/integrations/overview";
import { listMembers } from "@/lib/orgs/members";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("integrations") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Settings → Integrations: everyone's own Google account; for admins also the organization's
 * Calendly connection, setup help and sandbox bookings.
 */
export default async function IntegrationsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireOrgSession();
  const org = session.org;
  const admin = can(org.role, "manageIntegrations");
  const params = await searchParams;
  const [google, calendly] = await withRls(
    session.claims,
    async (tx) =>
      [
        await googleOverview(tx, org.orgId, session.user.id),
        admin
          ? { overview: await integrationsOverview(tx, org.orgId), members: await listMembers(tx, org.orgId) }
          : null,
      ] as const,
  );
  const pick = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);
  return (
    <div className="space-y-6">
      <GoogleCard
        initial={toJson(google)}
        result={{ connected: pick(params.google) === "connected", error: pick(params.google_error) }}
      />
      {calendly && (
        <IntegrationsPanel
          initial={toJson(calendly.overview)}
          members={calendly.members.map((m) => ({ userId: m.userId, name: m.fullName || m.email }))}
          result={{ connected: pick(params.calendly) === "connected", error: pick(params.calendly_error) }}
        />
      )}
    </div>
  );
}
