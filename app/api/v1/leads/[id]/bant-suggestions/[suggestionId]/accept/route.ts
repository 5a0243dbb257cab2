import { z } from "zod";
import { acceptSuggestion } from "@/lib/approvals/suggestions";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { getLead } from "@/lib/leads/queries";

/** Applies the suggested BANT value through the scoring engine, quoting the lead. */
export const POST = route(
  { scope: "leads:write", org: true, params: z.object({ id: uuidParam, suggestionId: uuidParam }) },
  async ({ org, session, params, rls }) => {
    return rls(async (tx) => {
      await acceptSuggestion(tx, userActor(session), org.orgId, params.id, params.suggestionId);
      return { lead: await getLead(tx, org.orgId, params.id) };
    });
  },
);
