import { authBackend } from "@/lib/auth/backend";
import { route } from "@/lib/http/route";
import { createOrganization, listOwnOrganizations } from "@/lib/orgs/organization";
import { createOrganizationSchema } from "@/lib/orgs/schema";

/** The caller's organizations with their role in each and which one is current. */
export const GET = route({}, async ({ session, rls }) => {
  const organizations = await rls(listOwnOrganizations);
  const roles = new Map(session.memberships.map((m) => [m.orgId, m.role]));
  return {
    organizations: organizations.map((o) => ({
      ...o,
      role: roles.get(o.id) ?? null,
      current: o.id === session.org?.orgId,
    })),
  };
});

/** Creates another organization owned by the caller (also the onboarding step for users with none). */
export const POST = route({ body: createOrganizationSchema }, async ({ session, body, rls, user }) => {
  const id = await rls((tx) => createOrganization(tx, user.id, body.name));
  await (await authBackend()).enterOrganization(session, id);
  return Response.json({ organization: { id, name: body.name } }, { status: 201 });
});
