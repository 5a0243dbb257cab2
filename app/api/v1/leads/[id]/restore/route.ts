import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { setDeleted } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";

export const POST = route({ params: z.object({ id: uuidParam }), role: "manager" }, async ({ session, params }) => {
  const org = requireOrg(session);
  const lead = await withRls(session.claims, async (tx) => {
    await setDeleted(tx, userActor(session), org.orgId, params.id, false);
    return getLead(tx, org.orgId, params.id);
  });
  return { lead };
});
