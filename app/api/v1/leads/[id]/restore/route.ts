import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { setDeleted } from "@/lib/leads/mutations";
import { getLead } from "@/lib/leads/queries";

export const POST = route(
  { scope: "leads:write", params: z.object({ id: uuidParam }), role: MIN_ROLE.deleteLeads },
  async ({ org, session, params, rls }) => {
    const lead = await rls(async (tx) => {
      await setDeleted(tx, userActor(session), org.orgId, params.id, false);
      return getLead(tx, org.orgId, params.id);
    });
    return { lead };
  },
);
