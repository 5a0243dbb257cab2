import { z } from "zod";
import { rejectTask } from "@/lib/approvals/decide";
import { getTask } from "@/lib/approvals/queries";
import { rejectSchema } from "@/lib/approvals/schema";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";

export const POST = route({ role: "rep", params: z.object({ id: uuidParam }), body: rejectSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  await rejectTask(session.claims, userActor(session), org.orgId, params.id, body.reason);
  const task = await withRls(session.claims, (tx) => getTask(tx, org.orgId, params.id));
  return { task };
});
