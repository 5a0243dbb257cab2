import { z } from "zod";
import { dismissSuggestion } from "@/lib/approvals/suggestions";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";

export const POST = route({ params: z.object({ id: uuidParam, suggestionId: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => dismissSuggestion(tx, userActor(session), org.orgId, params.id, params.suggestionId));
  return new Response(null, { status: 204 });
});
