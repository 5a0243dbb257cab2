import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getLead, listLeadEvents } from "@/lib/leads/queries";

const query = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const GET = route(
  { scope: "leads:read", org: true, params: z.object({ id: uuidParam }), query },
  async ({ org, params, query, rls }) => {
    return rls(async (tx) => {
      if (!(await getLead(tx, org.orgId, params.id, { includeDeleted: true }))) throw notFound("leadNotFound");
      return listLeadEvents(tx, org.orgId, params.id, query);
    });
  },
);
