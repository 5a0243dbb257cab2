import { z } from "zod";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { getLead, listLeadEvents } from "@/lib/leads/queries";

const query = z.object({ cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) });

export const GET = route({ params: z.object({ id: uuidParam }), query }, async ({ session, params, query }) => {
  const org = requireOrg(session);
  return withRls(session.claims, async (tx) => {
    if (!(await getLead(tx, org.orgId, params.id, { includeDeleted: true }))) throw notFound("Lead not found.");
    return listLeadEvents(tx, org.orgId, params.id, query);
  });
});
