import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route } from "@/lib/http/route";
import { getOrganizationSummary, renameOrganization } from "@/lib/orgs/organization";
import { renameOrganizationSchema } from "@/lib/orgs/schema";

/** The current organization. */
export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  const summary = await withRls(session.claims, (tx) => getOrganizationSummary(tx, org.orgId));
  if (!summary) throw notFound();
  return { organization: { ...summary, role: org.role } };
});

export const PATCH = route({ role: "admin", body: renameOrganizationSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => renameOrganization(tx, session.user.id, org.orgId, body.name));
  return { organization: { id: org.orgId, name: body.name } };
});
