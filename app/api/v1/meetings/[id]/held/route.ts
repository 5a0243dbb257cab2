import { z } from "zod";
import { heatLinesText } from "@/lib/scoring/render";
import { readerHeatLineText } from "@/lib/scoring/readers";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { markMeetingHeld } from "@/lib/meetings/held";
import { getMeeting } from "@/lib/meetings/queries";
import { markHeldSchema } from "@/lib/meetings/schema";

/**
 * Marks a past (or running) scheduled meeting as held: the meeting's owner, or a manager and
 * above. The database enforces who and which (private.mark_meeting_held); 403 for a rep on
 * someone else's meeting, 404 for one the caller cannot see, 409 canceled / moved / no-show /
 * already held, 422 not started yet. An optional `note` records what came of it.
 */
export const POST = route(
  { scope: "meetings:write", org: true, params: z.object({ id: uuidParam }), body: markHeldSchema },
  async ({ org, session, params, body, rls }) => {
    return rls(async (tx) => {
      const held = await markMeetingHeld(tx, {
        orgId: org.orgId,
        meetingId: params.id,
        actor: userActor(session),
        note: body.note,
      });
      return {
        meeting: await getMeeting(tx, org.orgId, held.meetingId),
        lead: {
          id: held.leadId,
          heatLevel: held.heat.level,
          heatScore: held.heat.score,
          heatChanged: held.heat.changed,
        },
        explanation: heatLinesText(held.lines, await readerHeatLineText(tx)),
      };
    });
  },
);
