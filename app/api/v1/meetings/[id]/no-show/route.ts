import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { setManualNoShow } from "@/lib/meetings/manual";
import { noShowSchema } from "@/lib/meetings/schema";

/**
 * Marks (or clears) a no-show on a meeting entered by hand that has started (422 before).
 * 409 for a Calendly meeting: Calendly reports its no-shows.
 */
export const POST = route(
  { scope: "meetings:write", org: true, params: z.object({ id: uuidParam }), body: noShowSchema },
  async ({ org, params, body, rls, session }) => ({
    meeting: await rls((tx) => setManualNoShow(tx, org.orgId, params.id, userActor(session), body.noShow)),
  }),
);
