import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getLead } from "@/lib/leads/queries";
import { consentOf, recordConsent } from "@/lib/outreach/consent";
import { recordConsentSchema } from "@/lib/outreach/schema";

const params = z.object({ id: uuidParam });

/** The lead's consent per channel kind: status, source and when. */
export const GET = route({ scope: "leads:read", org: true, params }, async ({ org, params, rls }) =>
  rls(async (tx) => {
    if (!(await getLead(tx, org.orgId, params.id))) throw notFound("leadNotFound");
    return { consent: await consentOf(tx, org.orgId, params.id) };
  }),
);

/** A member records what the lead told them (an opt-in on a call, a form), as themselves. */
export const PUT = route(
  { scope: "leads:write", org: true, params, body: recordConsentSchema },
  async ({ org, params, body, rls, user }) =>
    rls(async (tx) => {
      if (!(await getLead(tx, org.orgId, params.id))) throw notFound("leadNotFound");
      await recordConsent(tx, {
        orgId: org.orgId,
        leadId: params.id,
        kind: body.channelKind,
        status: body.status,
        source: body.source,
        recordedBy: user.id,
      });
      return { consent: await consentOf(tx, org.orgId, params.id) };
    }),
);
