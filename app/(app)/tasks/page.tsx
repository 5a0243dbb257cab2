import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TasksView } from "@/components/tasks/tasks-view";
import { requireOrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";
import { callerClock, listTasks } from "@/lib/tasks/store";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("tasks") };
}

/** "My tasks": the signed-in user's open tasks by due time, and the latest they completed. */
export default async function TasksPage() {
  const session = await requireOrgSession();
  const orgId = session.org.orgId;
  const [open, done] = await withRls(session.claims, async (tx) => {
    const clock = await callerClock(tx);
    return [
      await listTasks(tx, orgId, { view: "mine", limit: 200 }, clock),
      await listTasks(tx, orgId, { view: "done", limit: 20 }, clock),
    ] as const;
  });
  return <TasksView initialOpen={open} initialDone={done} />;
}
