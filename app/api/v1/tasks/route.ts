import { route } from "@/lib/http/route";
import { createTaskSchema, listTasksQuerySchema } from "@/lib/tasks/schema";
import { callerClock, createTask, listTasks } from "@/lib/tasks/store";

/** The caller's tasks by view (mine, overdue, today, upcoming, done, all), or a lead's or thread's. */
export const GET = route({ org: true, query: listTasksQuerySchema }, async ({ org, query, rls }) => ({
  tasks: await rls(async (tx) => listTasks(tx, org.orgId, query, await callerClock(tx))),
}));

/** A task; `quickAdd` reads its date ("tue 10am") in the caller's zone and language. */
export const POST = route({ org: true, body: createTaskSchema }, async ({ org, body, rls, locale }) => {
  const language = await locale();
  const task = await rls(async (tx) =>
    createTask(tx, org.orgId, body, { ...(await callerClock(tx)), locale: language }),
  );
  return Response.json({ task }, { status: 201 });
});
