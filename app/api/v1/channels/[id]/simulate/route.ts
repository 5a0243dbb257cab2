import { z } from "zod";
import { simulateInboundSchema } from "@/lib/channels/schema";
import { simulatedInboundEvent } from "@/lib/channels/simulate";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { recordInboundEvents } from "@/lib/inbox/ingest";
import { processSoon } from "@/lib/inbox/queue";

/** Admins try a sandbox channel: a lead's message goes through the real inbound pipeline. */
export const POST = route({ role: "admin", params: z.object({ id: uuidParam }), body: simulateInboundSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  const event = await withRls(session.claims, (tx) => simulatedInboundEvent(tx, org.orgId, params.id, body));
  const created = await recordInboundEvents([event], { headers: { "x-kiln-simulated-by": session.user.id }, sandboxOrg: org.orgId });
  processSoon(created);
  return Response.json({ eventId: event.eventId }, { status: 202 });
});
