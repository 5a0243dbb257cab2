import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { markConversationRead } from "@/lib/inbox/mutations";

/** The thread was opened: its unread count goes to zero for its assignee. */
export const POST = route({ org: true, params: z.object({ id: uuidParam }) }, async ({ org, params, rls }) => {
  await rls((tx) => markConversationRead(tx, org.orgId, params.id));
  return { ok: true };
});
