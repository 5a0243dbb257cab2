import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { simulateBookingSchema } from "@/lib/meetings/schema";
import { deliverSimulated, prepareSimulatedBooking, requireSandbox } from "@/lib/meetings/simulate";

/** Sandbox: a signed invitee.created for a lead (or a new email) through the real webhook pipeline. Admins only. */
export const POST = route({ role: "admin", body: simulateBookingSchema }, async ({ session, body }) => {
  requireSandbox();
  const org = requireOrg(session);
  const prepared = await withRls(session.claims, (tx) => prepareSimulatedBooking(tx, org.orgId, body));
  await deliverSimulated(org.orgId, prepared.deliveries);
  return Response.json({ inviteeUri: prepared.inviteeUri }, { status: 202 });
});
