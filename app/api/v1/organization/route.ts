import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route } from "@/lib/http/route";
import { getOrganizationSummary, updateOrganization } from "@/lib/orgs/organization";
import { updateOrganizationSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** The current organization. */
export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  const summary = await withRls(session.claims, (tx) => getOrganizationSummary(tx, org.orgId));
  if (!summary) throw notFound();
  return { organization: { ...summary, role: org.role } };
});

export const PATCH = route({ role: MIN_ROLE.editOrganization, body: updateOrganizationSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const organization = await withRls(session.claims, (tx) => updateOrganization(tx, session.user.id, org.orgId, body));
  return { organization };
});
