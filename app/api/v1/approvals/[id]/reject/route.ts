import { z } from "zod";
import { rejectTask } from "@/lib/approvals/decide";
import { getTask } from "@/lib/approvals/queries";
import { rejectSchema } from "@/lib/approvals/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";
import { userActor } from "@/lib/leads/actor";

export const POST = route(
  { role: MIN_ROLE.decideApprovals, params: z.object({ id: uuidParam }), body: rejectSchema },
  async ({ org, session, params, body, rls, locale }) => {
    await rejectTask(session.claims, userActor(session), org.orgId, params.id, body.reason);
    const t = translatorFor(await locale(), "approvals");
    const task = await rls((tx) => getTask(tx, org.orgId, params.id, t));
    return { task };
  },
);
