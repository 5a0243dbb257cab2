import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { markConversationRead } from "@/lib/inbox/mutations";

/** The thread was opened: its unread count goes to zero for its assignee. */
export const POST = route({ params: z.object({ id: uuidParam }) }, async ({ session, params }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => markConversationRead(tx, org.orgId, params.id));
  return { ok: true };
});
