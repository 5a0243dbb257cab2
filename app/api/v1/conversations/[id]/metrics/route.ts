import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getConversationMetrics } from "@/lib/inbox/metrics";

/** First and average response time, AI vs human replies, takeovers and the current wait. */
export const GET = route(
  { scope: "conversations:read", org: true, params: z.object({ id: uuidParam }) },
  async ({ org, params, rls }) => {
    const metrics = await rls((tx) => getConversationMetrics(tx, org.orgId, params.id));
    if (!metrics) throw notFound("conversationNotFound");
    return { metrics };
  },
);
