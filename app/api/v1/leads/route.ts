import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { createLead } from "@/lib/leads/mutations";
import { getLead, listLeads } from "@/lib/leads/queries";
import { createLeadSchema, listLeadsQuerySchema } from "@/lib/leads/schema";

/** Keyset-paginated list; every filter in the query string. */
export const GET = route({ query: listLeadsQuerySchema }, async ({ session, query }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => listLeads(tx, org.orgId, session.user.id, query));
});

export const POST = route({ body: createLeadSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const lead = await withRls(session.claims, async (tx) => {
    const id = await createLead(tx, userActor(session), org.orgId, body);
    return getLead(tx, org.orgId, id);
  });
  return Response.json({ lead }, { status: 201 });
});
