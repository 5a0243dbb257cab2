import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { simulateMeetingActionSchema } from "@/lib/meetings/schema";
import { deliverSimulated, prepareSimulatedAction, requireSandbox } from "@/lib/meetings/simulate";

/** Sandbox: Calendly reports a cancel, reschedule or no-show for this meeting. Admins only. */
export const POST = route({ role: "admin", params: z.object({ id: uuidParam }), body: simulateMeetingActionSchema }, async ({ session, params, body }) => {
  requireSandbox();
  const org = requireOrg(session);
  const deliveries = await withRls(session.claims, (tx) => prepareSimulatedAction(tx, org.orgId, params.id, body));
  await deliverSimulated(org.orgId, deliveries);
  return Response.json({ accepted: deliveries.length }, { status: 202 });
});
