import { z } from "zod";
import { enforce } from "@/lib/http/rate-limit";
import { route, uuidParam } from "@/lib/http/route";
import { SEND_NOW_PER_USER } from "@/lib/reports/limits";
import { sendReportSoon } from "@/lib/reports/queue";
import { getSubscription } from "@/lib/reports/subscriptions";

/** "Send now": the report for the period up to yesterday, generated and emailed right after this answer. */
export const POST = route({ org: true, params: z.object({ id: uuidParam }) }, async ({ org, params, rls, user }) => {
  await rls((tx) => getSubscription(tx, org.orgId, params.id));
  await enforce([{ limit: SEND_NOW_PER_USER, key: user.id }]);
  const { runId } = sendReportSoon(params.id);
  return Response.json({ runId }, { status: 202 });
});
