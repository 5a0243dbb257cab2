import { z } from "zod";
import { approveTask } from "@/lib/approvals/decide";
import { getTask } from "@/lib/approvals/queries";
import { approveSchema } from "@/lib/approvals/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";
import { userActor } from "@/lib/leads/actor";

/** Approve (optionally with edited text): the reply goes out through the conversation's channel. */
export const POST = route(
  { role: MIN_ROLE.decideApprovals, params: z.object({ id: uuidParam }), body: approveSchema },
  async ({ org, session, params, body, rls, locale }) => {
    const { messageId } = await approveTask(session.claims, userActor(session), org.orgId, params.id, body.body);
    const t = translatorFor(await locale(), "approvals");
    const task = await rls((tx) => getTask(tx, org.orgId, params.id, t));
    return { task, messageId };
  },
);
