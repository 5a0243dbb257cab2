import { z } from "zod";
import { getTaskDetail } from "@/lib/approvals/queries";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";

export const GET = route({ org: true, params: z.object({ id: uuidParam }) }, async ({ org, params, rls, locale }) => {
  const t = translatorFor(await locale(), "approvals");
  const detail = await rls((tx) => getTaskDetail(tx, org.orgId, params.id, t));
  if (!detail) throw notFound("taskNotFound");
  return detail;
});
