import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { simulateMeetingActionSchema } from "@/lib/meetings/schema";
import { deliverSimulated, prepareSimulatedAction, requireSandbox } from "@/lib/meetings/simulate";

/** Sandbox: Calendly reports a cancel, reschedule or no-show for this meeting. Admins only. */
export const POST = route(
  { role: MIN_ROLE.runSandboxSimulations, params: z.object({ id: uuidParam }), body: simulateMeetingActionSchema },
  async ({ org, params, body, rls }) => {
    requireSandbox();
    const deliveries = await rls((tx) => prepareSimulatedAction(tx, org.orgId, params.id, body));
    await deliverSimulated(org.orgId, deliveries);
    return Response.json({ accepted: deliveries.length }, { status: 202 });
  },
);
