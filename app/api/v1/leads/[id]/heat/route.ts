import { z } from "zod";
import { heatLinesText } from "@/lib/scoring/render";
import { readerHeatLineText } from "@/lib/scoring/readers";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { overrideHeat } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";
import { heatOverrideInputSchema } from "@/lib/leads/schema";

/** A manager pins the heat level with a reason (level null clears the pin). */
export const POST = route(
  {
    scope: "leads:write",
    params: z.object({ id: uuidParam }),
    role: MIN_ROLE.overrideHeat,
    body: heatOverrideInputSchema,
  },
  async ({ org, session, params, body, rls }) => {
    return rls(async (tx) => {
      const outcome = await overrideHeat(tx, userActor(session), org.orgId, params.id, body);
      return {
        lead: await getLead(tx, org.orgId, params.id),
        explanation: heatLinesText(outcome.lines, await readerHeatLineText(tx)),
      };
    });
  },
);
