import { defineJob } from "@/lib/jobs/define";
import { taskRemindersQueue } from "./queue";
import { sendTaskReminders } from "./reminders";

export const taskRemindersJob = defineJob({
  ...taskRemindersQueue,
  async run() {
    await sendTaskReminders();
  },
});
