import { z } from "zod";
import { saveFeedback } from "@/lib/approvals/decide";
import { feedbackSchema } from "@/lib/approvals/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";

/** Thumbs up/down with an optional comment; one per person per draft, the latest wins. */
export const POST = route(
  { role: MIN_ROLE.decideApprovals, params: z.object({ id: uuidParam }), body: feedbackSchema },
  async ({ org, params, body, rls, user }) => {
    await rls((tx) => saveFeedback(tx, user.id, org.orgId, params.id, body));
    return { ok: true };
  },
);
