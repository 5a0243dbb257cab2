import { z } from "zod";
import { listBantSuggestions } from "@/lib/approvals/queries";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getLead } from "@/lib/leads/queries";

export const GET = route(
  { scope: "leads:read", org: true, params: z.object({ id: uuidParam }) },
  async ({ org, params, rls }) => {
    return rls(async (tx) => {
      if (!(await getLead(tx, org.orgId, params.id))) throw notFound("leadNotFound");
      return { suggestions: await listBantSuggestions(tx, org.orgId, params.id) };
    });
  },
);
