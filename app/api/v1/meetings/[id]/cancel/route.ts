import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { cancelManualMeeting } from "@/lib/meetings/manual";
import { writeGoogleEventSoon } from "@/lib/meetings/queue";
import { cancelMeetingSchema } from "@/lib/meetings/schema";

/** Cancels a meeting entered by hand, with an optional reason. 409 for a Calendly meeting or one no longer scheduled. */
export const POST = route(
  { scope: "meetings:write", org: true, params: z.object({ id: uuidParam }), body: cancelMeetingSchema },
  async ({ org, params, body, rls, session }) => {
    const meeting = await rls((tx) => cancelManualMeeting(tx, org.orgId, params.id, userActor(session), body.reason));
    writeGoogleEventSoon(org.orgId, meeting);
    return { meeting };
  },
);
