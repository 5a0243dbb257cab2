import { z } from "zod";
import { listBantSuggestions } from "@/lib/approvals/queries";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { getLead } from "@/lib/leads/queries";

export const GET = route({ params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  return withRls(session.claims, async (tx) => {
    if (!(await getLead(tx, org.orgId, params.id))) throw notFound("Lead not found.");
    return { suggestions: await listBantSuggestions(tx, org.orgId, params.id) };
  });
});
