import { z } from "zod";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { getMeeting } from "@/lib/meetings/queries";

export const GET = route({ params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  const meeting = await withRls(session.claims, (tx) => getMeeting(tx, org.orgId, params.id));
  if (!meeting) throw notFound("Meeting not found.");
  return { meeting };
});
