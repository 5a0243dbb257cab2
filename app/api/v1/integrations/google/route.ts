import { notFound } from "@/lib/http/errors";
import { auditIntegration } from "@/lib/integrations/audit";
import { route } from "@/lib/http/route";
import { googleOverview } from "@/lib/integrations/google/overview";
import { disconnectGoogle, setGoogleParts } from "@/lib/integrations/google/connection";
import { googlePartsSchema } from "@/lib/integrations/google/schema";

/** The signed-in user's own Google connection: status, parts, whether this server can connect at all. */
export const GET = route({ org: true }, async ({ org, user, rls }) =>
  rls((tx) => googleOverview(tx, org.orgId, user.id)),
);

/**
 * Turns parts on or off. A part Google has not granted yet is not turned on here: the answer's
 * `authorizeUrl` sends the browser to Google for it, and the callback turns it on.
 */
export const PATCH = route({ org: true, body: googlePartsSchema }, async ({ org, user, body, rls }) => {
  const result = await rls((tx) => setGoogleParts(tx, org.orgId, user.id, body));
  if (!result.connection || result.connection.status === "disconnected") throw notFound("googleNotConnected");
  const authorizeUrl = result.needsAuthorization.length
    ? `/api/oauth/google/start?${new URLSearchParams({ parts: result.needsAuthorization.join(",") })}`
    : null;
  return { connection: result.connection, authorizeUrl };
});

/** Disconnect: the grant is revoked at Google, then the tokens are deleted here. */
export const DELETE = route({ org: true }, async ({ org, user, rls }) => {
  const result = await disconnectGoogle(org.orgId, user.id);
  if (!result.disconnected) throw notFound("googleNotConnected");
  await rls((tx) =>
    auditIntegration(tx, { orgId: org.orgId, actorId: user.id, provider: "google", event: "disconnected" }),
  );
  return { disconnected: true, warnings: result.warnings };
});
