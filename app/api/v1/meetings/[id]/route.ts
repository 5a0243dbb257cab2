import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getMeeting } from "@/lib/meetings/queries";

export const GET = route({ org: true, params: z.object({ id: uuidParam }) }, async ({ org, params, rls }) => {
  const meeting = await rls((tx) => getMeeting(tx, org.orgId, params.id));
  if (!meeting) throw notFound("meetingNotFound");
  return { meeting };
});
