import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";
import { simulateBookingSchema } from "@/lib/meetings/schema";
import { deliverSimulated, prepareSimulatedBooking, requireSandbox } from "@/lib/meetings/simulate";

/** Sandbox: a signed invitee.created for a lead (or a new email) through the real webhook pipeline. Admins only. */
export const POST = route(
  { role: MIN_ROLE.runSandboxSimulations, body: simulateBookingSchema },
  async ({ org, body, rls }) => {
    requireSandbox();
    const prepared = await rls((tx) => prepareSimulatedBooking(tx, org.orgId, body));
    await deliverSimulated(org.orgId, prepared.deliveries);
    return Response.json({ inviteeUri: prepared.inviteeUri }, { status: 202 });
  },
);
