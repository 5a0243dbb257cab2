import { z } from "zod";
import { suggestReply } from "@/lib/approvals/takeover";
import { requireOrg, route, uuidParam } from "@/lib/http/route";

/** A draft on demand from the conversation's agent, in any mode; nothing is stored. */
export const POST = route({ params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  const { attempts: _attempts, ...outcome } = await suggestReply(session.claims, org.orgId, params.id);
  return { outcome };
});
