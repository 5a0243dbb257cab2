import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { overrideHeat } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";
import { heatOverrideInputSchema } from "@/lib/leads/schema";

/** A manager pins the heat level with a reason (level null clears the pin). */
export const POST = route({ params: z.object({ id: uuidParam }), role: "manager", body: heatOverrideInputSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  return withRls(session.claims, async (tx) => {
    const outcome = await overrideHeat(tx, userActor(session), org.orgId, params.id, body);
    return { lead: await getLead(tx, org.orgId, params.id), explanation: outcome.explanation };
  });
});
