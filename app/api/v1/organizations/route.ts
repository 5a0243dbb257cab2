import { withRls } from "@/lib/db";
import { route } from "@/lib/http/route";
import { createOrganization } from "@/lib/orgs/organization";
import { createOrganizationSchema } from "@/lib/orgs/schema";

/** Creates another organization owned by the caller (also the onboarding step for users with none). */
export const POST = route({ body: createOrganizationSchema }, async ({ session, body }) => {
  const id = await withRls(session.claims, (tx) => createOrganization(tx, session.user.id, body.name));
  if (session.sessionId) {
    const { switchOrganization } = await import("@/lib/auth/local");
    await switchOrganization(session.claims, session.sessionId, id);
  }
  return Response.json({ organization: { id, name: body.name } }, { status: 201 });
});
