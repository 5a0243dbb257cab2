import { z } from "zod";
import { dateTime, text } from "@/lib/http/schemas";

/** The check constraints on public.tasks (category, priority) and public.task_suggestions (status). */
export const TASK_CATEGORIES = ["call", "email", "meeting", "follow_up", "other"] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];
export const TASK_PRIORITIES = ["low", "normal", "high"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
/** The views of a task list: `mine` is every open task of the caller's, the others slice them by due time. */
export const TASK_VIEWS = ["mine", "overdue", "today", "upcoming", "done", "all"] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
/** Snoozes offered in the UI; `until` in a patch takes any time. */
export const SNOOZE_PRESETS = ["hour", "tomorrow", "nextWeek"] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];
export const SUGGESTION_KINDS = ["callback"] as const;

export const taskTitleSchema = text().min(1, "taskTitleRequired").max(200, "taskTitleTooLong");
const notesSchema = text().max(4000, "taskNotesTooLong").nullable();

export const createTaskSchema = z
  .object({
    /** A quick add's text ("Call Anna tue 10am"): its date is read in the caller's zone and language, the rest is the title. */
    quickAdd: text().max(300, "taskTitleTooLong").optional(),
    title: taskTitleSchema.optional(),
    notes: notesSchema.optional(),
    category: z.enum(TASK_CATEGORIES, { error: "taskCategoryInvalid" }).default("follow_up"),
    priority: z.enum(TASK_PRIORITIES, { error: "taskPriorityInvalid" }).default("normal"),
    dueAt: dateTime().nullable().optional(),
    /** Defaults to the caller; only managers and above give tasks to others (the database checks). */
    assigneeId: z.uuid("assigneeInvalid").optional(),
    leadId: z.uuid("leadIdNotValid").nullable().optional(),
    conversationId: z.uuid("conversationIdInvalid").nullable().optional(),
  })
  .refine((input) => Boolean(input.title || input.quickAdd), { path: ["title"], message: "taskTitleRequired" });
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

/**
 * A patch edits fields, or does one thing to the task: complete, reopen, snooze (a preset in the
 * caller's time zone, or `until` a time).
 */
export const updateTaskSchema = z
  .object({
    title: taskTitleSchema.optional(),
    notes: notesSchema.optional(),
    category: z.enum(TASK_CATEGORIES, { error: "taskCategoryInvalid" }).optional(),
    priority: z.enum(TASK_PRIORITIES, { error: "taskPriorityInvalid" }).optional(),
    dueAt: dateTime().nullable().optional(),
    assigneeId: z.uuid("assigneeInvalid").optional(),
    action: z.enum(["complete", "reopen", "snooze"], { error: "taskActionInvalid" }).optional(),
    snooze: z.enum(SNOOZE_PRESETS, { error: "snoozeInvalid" }).optional(),
    until: dateTime().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.action === "snooze" && !input.snooze && !input.until)
      ctx.addIssue({ code: "custom", path: ["snooze"], message: "snoozeRequired" });
    if (input.action !== "snooze" && (input.snooze || input.until))
      ctx.addIssue({ code: "custom", path: ["action"], message: "snoozeNeedsAction" });
    if (Object.values(input).every((value) => value === undefined))
      ctx.addIssue({ code: "custom", path: [], message: "taskChangeRequired" });
  });
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

export const listTasksQuerySchema = z.object({
  view: z.enum(TASK_VIEWS, { error: "taskViewInvalid" }).default("mine"),
  leadId: z.uuid("leadIdNotValid").optional(),
  conversationId: z.uuid("conversationIdInvalid").optional(),
  /** With a lead or conversation: only open tasks (the widgets), else done ones too. */
  open: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export type Task = {
  id: string;
  title: string;
  notes: string | null;
  category: TaskCategory;
  priority: TaskPriority;
  dueAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  leadId: string | null;
  leadName: string | null;
  conversationId: string | null;
  createdBy: string | null;
  completedAt: string | null;
  completedBy: string | null;
  snoozeCount: number;
  createdAt: string;
  updatedAt: string;
};

export type TaskSuggestion = {
  id: string;
  kind: (typeof SUGGESTION_KINDS)[number];
  leadId: string;
  leadName: string | null;
  conversationId: string | null;
  dueAt: string | null;
  quote: string;
  createdAt: string;
};
