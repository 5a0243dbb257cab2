import { z } from "zod";
import { returnToAi } from "@/lib/approvals/takeover";
import { route, uuidParam } from "@/lib/http/route";
import { getConversation } from "@/lib/inbox/queries";

export const POST = route(
  { scope: "conversations:write", org: true, params: z.object({ id: uuidParam }) },
  async ({ org, session, params, rls }) => {
    await returnToAi(session.claims, session.user.id, org.orgId, params.id);
    const conversation = await rls((tx) => getConversation(tx, org.orgId, params.id));
    return { conversation };
  },
);
