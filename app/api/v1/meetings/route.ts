import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { listMeetings } from "@/lib/meetings/queries";
import { listMeetingsQuerySchema } from "@/lib/meetings/schema";

/** Meetings of the leads the caller can see: upcoming or past, by owner and status, keyset-paged. */
export const GET = route({ query: listMeetingsQuerySchema }, async ({ session, query }) => {
  const org = requireOrg(session);
  return withRls(session.claims, (tx) => listMeetings(tx, org.orgId, session.user.id, query));
});
