import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route } from "@/lib/http/route";
import { disconnectCalendly, getConnectionSummary, setDefaultOwner } from "@/lib/integrations/connections";
import { updateIntegrationSchema } from "@/lib/meetings/schema";
import { recordAudit } from "@/lib/audit";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Who owns the leads a booking creates. */
export const PATCH = route({ role: MIN_ROLE.manageIntegrations, body: updateIntegrationSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  return withRls(session.claims, async (tx) => {
    if (!(await setDefaultOwner(tx, org.orgId, body.defaultOwnerId))) throw notFound("Calendly is not connected.");
    return { connection: await getConnectionSummary(tx, org.orgId) };
  });
});

/** Disconnect: the webhook subscription is deleted and the tokens revoked at Calendly, then deleted here. */
export const DELETE = route({ role: MIN_ROLE.manageIntegrations }, async ({ session }) => {
  const org = requireOrg(session);
  const result = await disconnectCalendly(org.orgId);
  if (!result.disconnected) throw notFound("Calendly is not connected.");
  await withRls(session.claims, (tx) =>
    recordAudit(tx, { orgId: org.orgId, actorId: session.user.id, action: "integration.disconnected", targetType: "integration", metadata: { provider: "calendly" } }),
  );
  return { disconnected: true, warnings: result.warnings };
});
