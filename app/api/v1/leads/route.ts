import { route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { createLead } from "@/lib/leads/mutations";
import { getLead, listLeads } from "@/lib/leads/queries";
import { createLeadSchema, listLeadsQuerySchema } from "@/lib/leads/schema";

/** Keyset-paginated list; every filter in the query string. */
export const GET = route(
  { scope: "leads:read", org: true, query: listLeadsQuerySchema },
  async ({ org, query, rls, user }) => rls((tx) => listLeads(tx, org.orgId, user.id, query)),
);

export const POST = route(
  { scope: "leads:write", org: true, body: createLeadSchema },
  async ({ org, session, body, rls }) => {
    const lead = await rls(async (tx) => {
      const id = await createLead(tx, userActor(session), org.orgId, body);
      return getLead(tx, org.orgId, id);
    });
    return Response.json({ lead }, { status: 201 });
  },
);
