import { z } from "zod";
import { dismissSuggestion } from "@/lib/approvals/suggestions";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";

export const POST = route(
  { scope: "leads:write", org: true, params: z.object({ id: uuidParam, suggestionId: uuidParam }) },
  async ({ org, session, params, rls }) => {
    await rls((tx) => dismissSuggestion(tx, userActor(session), org.orgId, params.id, params.suggestionId));
    return new Response(null, { status: 204 });
  },
);
