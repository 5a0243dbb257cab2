import { z } from "zod";
import { simulateInboundSchema } from "@/lib/channels/schema";
import { simulatedInboundEvent } from "@/lib/channels/simulate";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { processInboundSoon } from "@/lib/inbound/queue";
import { recordMessagingEvents } from "@/lib/inbox/ingest";

/** Admins try a sandbox channel: a lead's message goes through the real inbound pipeline. */
export const POST = route(
  { role: MIN_ROLE.runSandboxSimulations, params: z.object({ id: uuidParam }), body: simulateInboundSchema },
  async ({ org, params, body, rls, user }) => {
    const event = await rls((tx) => simulatedInboundEvent(tx, org.orgId, params.id, body));
    const created = await recordMessagingEvents([event], {
      headers: { "x-kiln-simulated-by": user.id },
      sandboxOrg: org.orgId,
    });
    processInboundSoon(created);
    return Response.json({ eventId: event.eventId }, { status: 202 });
  },
);
