import { expect, test, signIn, untilHydrated } from "./fixtures";
import { deliverInboundSms } from "./sandbox-sms";

/**
 * Follow-up tasks: a rep files a task from the inbox thread with a natural date ("tomorrow 9"),
 * sees the date read before saving, and completes the task from "My tasks".
 */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newLeadNumber = () => `+4179556${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;

test("a rep adds a follow-up task from the inbox thread and completes it from My tasks", async ({ page, request }) => {
  await signIn(page, "rep@acme.test");
  const text = `Could you send me the datasheet? ${run()}`;
  await deliverInboundSms(page, request, newLeadNumber(), text);

  await page.goto("/inbox");
  const row = page.getByTestId("conversation-row").filter({ hasText: text });
  await expect(row).toBeVisible();
  await untilHydrated(row);
  await row.click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: text })).toBeVisible();

  // The thread's tasks open from their one-line header; the date is read as the rep types.
  const tasks = thread.getByTestId("thread-tasks");
  await tasks.getByRole("button", { name: /Tasks \(0\)/ }).click();
  const title = `Send the datasheet ${run()}`;
  const field = tasks.getByLabel("New task");
  await field.fill(`${title} tomorrow 9`);
  await expect(tasks.getByTestId("task-quick-add-due")).toContainText("Due");
  await expect(tasks.getByTestId("task-quick-add-due")).toContainText("09:00");
  await tasks.getByRole("button", { name: "Add task" }).click();
  await expect(field).toHaveValue("");
  await expect(tasks.getByTestId("task-item").filter({ hasText: title })).toBeVisible();

  // My tasks, from the sidebar: tomorrow's task is upcoming; completing it moves it to Done.
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: /My tasks/ })
    .click();
  await expect(page).toHaveURL(/\/tasks$/);
  const upcoming = page.getByTestId("tasks-upcoming").getByTestId("task-item").filter({ hasText: title });
  await expect(upcoming).toBeVisible();
  await untilHydrated(upcoming);
  // The box follows the server: the task moves to Done once the completion is stored.
  await upcoming.getByRole("checkbox", { name: `Complete “${title}”` }).click();
  await expect(page.getByTestId("tasks-done").getByTestId("task-item").filter({ hasText: title })).toBeVisible();
  await expect(page.getByTestId("tasks-upcoming").getByTestId("task-item").filter({ hasText: title })).toHaveCount(0);

  // A task no longer needed is deleted after a confirmation.
  const done = page.getByTestId("tasks-done").getByTestId("task-item").filter({ hasText: title });
  await done.getByRole("button", { name: `Delete task “${title}”` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("task-item").filter({ hasText: title })).toHaveCount(0);
});
