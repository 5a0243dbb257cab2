import { z } from "zod";
import { route } from "@/lib/http/route";
import { callerClock } from "@/lib/tasks/store";
import { acceptTaskSuggestion, dismissTaskSuggestion } from "@/lib/tasks/suggestions";

const params = z.object({ id: z.uuid("taskIdInvalid") });
const body = z.object({ decision: z.enum(["accept", "dismiss"], { error: "taskDecisionInvalid" }) });

/** Accepts a suggestion (answers the task it became) or dismisses it (204). */
export const POST = route({ org: true, params, body }, async ({ org, params, body, rls, locale }) => {
  if (body.decision === "dismiss") {
    await rls((tx) => dismissTaskSuggestion(tx, org.orgId, params.id));
    return new Response(null, { status: 204 });
  }
  const language = await locale();
  const task = await rls(async (tx) =>
    acceptTaskSuggestion(tx, org.orgId, params.id, { ...(await callerClock(tx)), locale: language }),
  );
  return Response.json({ task }, { status: 201 });
});
