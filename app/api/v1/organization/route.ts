import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { getOrganizationSummary, updateOrganization } from "@/lib/orgs/organization";
import { updateOrganizationSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** The current organization. */
export const GET = route({ org: true }, async ({ org, rls }) => {
  const summary = await rls((tx) => getOrganizationSummary(tx, org.orgId));
  if (!summary) throw notFound();
  return { organization: { ...summary, role: org.role } };
});

export const PATCH = route(
  { role: MIN_ROLE.editOrganization, body: updateOrganizationSchema },
  async ({ org, body, rls, user }) => {
    const organization = await rls((tx) => updateOrganization(tx, user.id, org.orgId, body));
    return { organization };
  },
);
