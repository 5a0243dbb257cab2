import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getOrganizationSummary, updateOrganization } from "@/lib/orgs/organization";
import { updateOrganizationSchema } from "@/lib/orgs/schema";

const params = z.object({ id: uuidParam });

/** One of the caller's organizations (any, not only the current one); 404 for one they do not belong to. */
export const GET = route({ params }, async ({ session, params, rls }) => {
  const membership = session.memberships.find((m) => m.orgId === params.id);
  if (!membership) throw notFound("organizationNotFound");
  const summary = await rls((tx) => getOrganizationSummary(tx, params.id));
  if (!summary) throw notFound("organizationNotFound");
  return { organization: { ...summary, role: membership.role } };
});

/** Renames (or changes the settings of) one of the caller's organizations; admins and owners. */
export const PATCH = route({ params, body: updateOrganizationSchema }, async ({ session, params, body, rls, user }) => {
  const membership = session.memberships.find((m) => m.orgId === params.id);
  if (!membership) throw notFound("organizationNotFound");
  if (!can(membership.role, "editOrganization")) throw forbidden({ key: "roleNeeded", values: { role: "admin" } });
  const organization = await rls((tx) => updateOrganization(tx, user.id, params.id, body));
  return { organization: { ...organization, role: membership.role } };
});
