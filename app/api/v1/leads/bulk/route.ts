import { withRls } from "@/lib/db";
import { forbidden } from "@/lib/http/errors";
import { requireOrg, route } from "@/lib/http/route";
import { hasRole } from "@/lib/auth/roles";
import { userActor } from "@/lib/leads/actor";
import { bulkUpdate } from "@/lib/leads/mutations";
import { bulkUpdateSchema } from "@/lib/leads/schema";

/** Owner, status, tags or project for up to 1,000 leads, all or nothing. */
export const POST = route({ body: bulkUpdateSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  if (body.changes.ownerId !== undefined && !hasRole(org.role, "manager")) throw forbidden("Only managers, admins and owners can reassign leads.");
  const updated = await withRls(session.claims, (tx) => bulkUpdate(tx, userActor(session), org.orgId, body));
  return { updated };
});
