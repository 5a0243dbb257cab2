import { z } from "zod";
import { getTaskDetail } from "@/lib/approvals/queries";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";

export const GET = route({ role: "rep", params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  const detail = await withRls(session.claims, (tx) => getTaskDetail(tx, org.orgId, params.id));
  if (!detail) throw notFound("Task not found.");
  return detail;
});
