import { z } from "zod";
import { heatLinesText } from "@/lib/scoring/render";
import { readerHeatLineText } from "@/lib/scoring/readers";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { setBant } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";
import { bantPatchSchema } from "@/lib/leads/schema";

export const PATCH = route(
  { scope: "leads:write", org: true, params: z.object({ id: uuidParam }), body: bantPatchSchema },
  async ({ org, session, params, body, rls }) => {
    return rls(async (tx) => {
      const outcome = await setBant(tx, userActor(session), org.orgId, params.id, body);
      return {
        lead: await getLead(tx, org.orgId, params.id),
        explanation: heatLinesText(outcome.lines, await readerHeatLineText(tx)),
        heatLevelChanged: outcome.heatLevelChanged,
        becameBantQualified: outcome.becameBantQualified,
      };
    });
  },
);
