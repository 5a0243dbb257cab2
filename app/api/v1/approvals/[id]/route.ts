import { z } from "zod";
import { getTaskDetail } from "@/lib/approvals/queries";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";

export const GET = route({ org: true, params: z.object({ id: uuidParam }) }, async ({ org, params, rls }) => {
  const detail = await rls((tx) => getTaskDetail(tx, org.orgId, params.id));
  if (!detail) throw notFound("taskNotFound");
  return detail;
});
