import { authBackend } from "@/lib/auth/backend";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { switchOrganizationSchema } from "@/lib/orgs/schema";

/** The org switcher: makes another of the user's organizations the current one. */
export const PUT = route({ body: switchOrganizationSchema }, async ({ session, body }) => {
  const membership = session.memberships.find((m) => m.orgId === body.orgId);
  if (!membership || !(await (await authBackend()).switchOrganization(session, body.orgId))) {
    throw notFound("notMemberOfThatOrganization");
  }
  return { organization: membership };
});
