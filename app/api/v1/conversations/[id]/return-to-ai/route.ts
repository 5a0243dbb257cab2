import { z } from "zod";
import { returnToAi } from "@/lib/approvals/takeover";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { getConversation } from "@/lib/inbox/queries";

export const POST = route({ params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  await returnToAi(session.claims, org.orgId, params.id);
  const conversation = await withRls(session.claims, (tx) => getConversation(tx, org.orgId, params.id));
  return { conversation };
});
