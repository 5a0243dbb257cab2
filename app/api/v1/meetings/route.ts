import { route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { createManualMeeting } from "@/lib/meetings/manual";
import { listMeetings } from "@/lib/meetings/queries";
import { writeGoogleEventSoon } from "@/lib/meetings/queue";
import { createManualMeetingSchema, listMeetingsQuerySchema } from "@/lib/meetings/schema";

/** Meetings of the leads the caller can see: upcoming or past, by owner and status, keyset-paged. */
export const GET = route(
  { scope: "meetings:read", org: true, query: listMeetingsQuerySchema },
  async ({ org, query, rls, user }) => rls((tx) => listMeetings(tx, org.orgId, user.id, query)),
);

/** A meeting entered by hand with a lead the caller can see (404 otherwise). */
export const POST = route(
  { scope: "meetings:write", org: true, body: createManualMeetingSchema },
  async ({ org, body, rls, session }) => {
    const meeting = await rls((tx) => createManualMeeting(tx, org.orgId, userActor(session), body));
    writeGoogleEventSoon(org.orgId, meeting);
    return Response.json({ meeting }, { status: 201 });
  },
);
