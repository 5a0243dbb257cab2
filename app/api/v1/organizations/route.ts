import { authBackend } from "@/lib/auth/backend";
import { route } from "@/lib/http/route";
import { createOrganization } from "@/lib/orgs/organization";
import { createOrganizationSchema } from "@/lib/orgs/schema";

/** Creates another organization owned by the caller (also the onboarding step for users with none). */
export const POST = route({ body: createOrganizationSchema }, async ({ session, body, rls, user }) => {
  const id = await rls((tx) => createOrganization(tx, user.id, body.name));
  await (await authBackend()).enterOrganization(session, id);
  return Response.json({ organization: { id, name: body.name } }, { status: 201 });
});
