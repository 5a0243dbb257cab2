import { notFound } from "@/lib/http/errors";
import { auditIntegration } from "@/lib/integrations/audit";
import { route } from "@/lib/http/route";
import { disconnectCalendly, getConnectionSummary, setDefaultOwner } from "@/lib/integrations/connections";
import { updateIntegrationSchema } from "@/lib/meetings/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

/** Who owns the leads a booking creates. */
export const PATCH = route(
  { role: MIN_ROLE.manageIntegrations, body: updateIntegrationSchema },
  async ({ org, body, rls }) => {
    return rls(async (tx) => {
      if (!(await setDefaultOwner(tx, org.orgId, body.defaultOwnerId))) throw notFound("calendlyNotConnected");
      return { connection: await getConnectionSummary(tx, org.orgId) };
    });
  },
);

/** Disconnect: the webhook subscription is deleted and the tokens revoked at Calendly, then deleted here. */
export const DELETE = route({ role: MIN_ROLE.manageIntegrations }, async ({ org, rls, user }) => {
  const result = await disconnectCalendly(org.orgId);
  if (!result.disconnected) throw notFound("calendlyNotConnected");
  await rls((tx) =>
    auditIntegration(tx, { orgId: org.orgId, actorId: user.id, provider: "calendly", event: "disconnected" }),
  );
  return { disconnected: true, warnings: result.warnings };
});
