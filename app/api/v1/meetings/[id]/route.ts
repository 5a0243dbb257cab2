import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { updateManualMeeting } from "@/lib/meetings/manual";
import { getMeeting } from "@/lib/meetings/queries";
import { writeGoogleEventSoon } from "@/lib/meetings/queue";
import { updateManualMeetingSchema } from "@/lib/meetings/schema";

const params = z.object({ id: uuidParam });

export const GET = route({ scope: "meetings:read", org: true, params }, async ({ org, params, rls }) => {
  const meeting = await rls((tx) => getMeeting(tx, org.orgId, params.id));
  if (!meeting) throw notFound("meetingNotFound");
  return { meeting };
});

/**
 * Edits or reschedules a meeting entered by hand (its owner or a manager). A new time answers
 * with the meeting that replaced it (another id). 409 for a Calendly meeting: Calendly owns it.
 */
export const PATCH = route(
  { scope: "meetings:write", org: true, params, body: updateManualMeetingSchema },
  async ({ org, params, body, rls, session }) => {
    const meeting = await rls((tx) => updateManualMeeting(tx, org.orgId, params.id, userActor(session), body));
    writeGoogleEventSoon(org.orgId, meeting);
    return { meeting };
  },
);
