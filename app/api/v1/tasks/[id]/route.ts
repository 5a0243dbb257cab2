import { z } from "zod";
import { route } from "@/lib/http/route";
import { updateTaskSchema } from "@/lib/tasks/schema";
import { callerClock, deleteTask, getTask, updateTask } from "@/lib/tasks/store";

const params = z.object({ id: z.uuid("taskIdInvalid") });

export const GET = route({ org: true, params }, async ({ org, params, rls }) => ({
  task: await rls((tx) => getTask(tx, org.orgId, params.id)),
}));

/** Edits a task, or completes, reopens or snoozes it (`action`). */
export const PATCH = route({ org: true, params, body: updateTaskSchema }, async ({ org, params, body, rls }) => ({
  task: await rls(async (tx) => updateTask(tx, org.orgId, params.id, body, await callerClock(tx))),
}));

export const DELETE = route({ org: true, params }, async ({ org, params, rls }) => {
  await rls((tx) => deleteTask(tx, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
