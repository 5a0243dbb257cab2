import { z } from "zod";
import { saveFeedback } from "@/lib/approvals/decide";
import { feedbackSchema } from "@/lib/approvals/schema";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";

/** Thumbs up/down with an optional comment; one per person per draft, the latest wins. */
export const POST = route({ role: "rep", params: z.object({ id: uuidParam }), body: feedbackSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => saveFeedback(tx, session.user.id, org.orgId, params.id, body));
  return { ok: true };
});
