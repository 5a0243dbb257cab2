import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { sendSoon } from "@/lib/inbox/queue";
import { requeueMessage } from "@/lib/inbox/mutations";
import { getMessage } from "@/lib/inbox/queries";

/** "Retry" on a failed message: back in the queue and sent again right away. */
export const POST = route(
  { scope: "messages:write", org: true, params: z.object({ id: uuidParam }) },
  async ({ org, params, rls }) => {
    const message = await rls(async (tx) => {
      await requeueMessage(tx, org.orgId, params.id);
      return getMessage(tx, org.orgId, params.id);
    });
    sendSoon({ id: params.id, orgId: org.orgId });
    return { message };
  },
);
