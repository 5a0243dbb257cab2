import { route } from "@/lib/http/route";
import { listMeetings } from "@/lib/meetings/queries";
import { listMeetingsQuerySchema } from "@/lib/meetings/schema";

/** Meetings of the leads the caller can see: upcoming or past, by owner and status, keyset-paged. */
export const GET = route({ org: true, query: listMeetingsQuerySchema }, async ({ org, query, rls, user }) =>
  rls((tx) => listMeetings(tx, org.orgId, user.id, query)),
);
