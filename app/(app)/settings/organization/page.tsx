import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { InvitationsPanel } from "@/components/settings/invitations-panel";
import { MembersPanel } from "@/components/settings/members-panel";
import { OrganizationSettingsForm } from "@/components/settings/organization-settings-form";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { countryOptions } from "@/lib/i18n/regions";
import { listInvitations } from "@/lib/orgs/invitations";
import { listMembers } from "@/lib/orgs/members";
import { getOrganizationSummary } from "@/lib/orgs/organization";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("organization") };
}

export default async function OrganizationSettingsPage() {
  const session = await requireOrgSession();
  const org = session.org;
  const canInvite = can(org.role, "inviteMembers");
  const [locale, [summary, members, invitations]] = await Promise.all([
    getLocale(),
    withRls(
      session.claims,
      async (tx) =>
        [
          await getOrganizationSummary(tx, org.orgId),
          await listMembers(tx, org.orgId),
          canInvite ? await listInvitations(tx, org.orgId) : [],
        ] as const,
    ),
  ]);
  return (
    <div className="space-y-6">
      <OrganizationSettingsForm
        name={org.orgName}
        repsSeeOwnLeadsOnly={summary?.repsSeeOwnLeadsOnly ?? false}
        defaultCountry={summary?.defaultCountry ?? null}
        canEdit={can(org.role, "editOrganization")}
        countries={countryOptions(locale)}
      />
      <MembersPanel
        initialMembers={JSON.parse(JSON.stringify(members))}
        currentUserId={session.user.id}
        currentRole={org.role}
        orgName={org.orgName}
      />
      {canInvite && (
        <InvitationsPanel initialInvitations={JSON.parse(JSON.stringify(invitations))} currentRole={org.role} />
      )}
    </div>
  );
}
