import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

/** Every minute: reminders for tasks whose due time has come (lib/tasks/workers.ts). */
export const taskRemindersQueue = defineQueue({
  name: "tasks.reminders",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});
