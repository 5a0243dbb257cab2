import type { Priority } from "./quiet-hours";
import { categoryOf, type Category } from "./categories";
import type { NotificationEvent } from "./events";
import { clip, type NotificationParams } from "./render";

export type NotificationType = "success" | "info" | "warning" | "error";

/**
 * One notification as every recipient gets it (private.create_notifications' `item`): a kind and
 * the parameters its text is rendered from at read time (render.ts), never the text itself.
 */
export type ComposedNotification = {
  kind: NotificationEvent["kind"];
  category: Category;
  params: NotificationParams;
  type: NotificationType;
  priority: Priority;
  /** A path inside the app; never a full URL. */
  actionUrl: string | null;
  metadata: Record<string, unknown>;
  /** Set for events that must reach a user once only (a meeting's reminder). */
  dedupeKey: string | null;
};

const HOUR = 60 * 60_000;
const HEAT_RANK = { cold: 0, warm: 1, hot: 2, burning: 3 } as const;

/**
 * A meeting about to start cannot wait for the morning digest: within the next hour it is
 * urgent (and bypasses quiet hours if the user allows urgent items).
 */
export function meetingPriority(startsAt: string, now: Date): Priority {
  const start = new Date(startsAt).getTime();
  return start >= now.getTime() - 5 * 60_000 && start - now.getTime() <= HOUR ? "urgent" : "normal";
}

/**
 * What a recipient is told about `event`, as the parameters its text is rendered from. Free text
 * (a message preview, a note, a reason) is a parameter, cut to the length a
 * reader sees; the lead's name is kept as it was when it happened (null: "A lead" when rendered).
 */
export function composeNotification(
  event: NotificationEvent,
  subject: { leadName: string | null },
  now = new Date(),
): ComposedNotification {
  const lead = subject.leadName?.trim() || null;
  const leadId = "leadId" in event ? event.leadId : null;
  const leadUrl = leadId ? `/leads/${leadId}` : null;
  const base = {
    kind: event.kind,
    priority: "normal" as Priority,
    dedupeKey: null as string | null,
    type: "info" as NotificationType,
  };
  let composed: Omit<ComposedNotification, "metadata"> & { extra?: Record<string, unknown> };

  switch (event.kind) {
    case "heat_changed": {
      const rising = HEAT_RANK[event.to] > HEAT_RANK[event.from];
      composed = {
        ...base,
        category: categoryOf(event.kind, { heatRising: rising }),
        type: rising ? (event.to === "hot" || event.to === "burning" ? "success" : "info") : "warning",
        params: {
          lead,
          from: event.from,
          to: event.to,
          reason: event.reason ? clip(event.reason.split("\n")[0]!, 300) : null,
          ...(event.lines?.length ? { lines: event.lines.slice(0, 3) } : {}),
        },
        actionUrl: leadUrl,
        extra: { from: event.from, to: event.to },
      };
      break;
    }
    case "bant_qualified":
      composed = { ...base, category: categoryOf(event.kind), type: "success", params: { lead }, actionUrl: leadUrl };
      break;
    case "meeting_booked":
    case "meeting_canceled":
    case "meeting_rescheduled":
    case "meeting_no_show":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: event.kind === "meeting_booked" || event.kind === "meeting_rescheduled" ? "success" : "warning",
        priority:
          event.kind === "meeting_no_show" || event.kind === "meeting_canceled"
            ? "normal"
            : meetingPriority(event.startsAt, now),
        params: {
          lead,
          title: event.title,
          startsAt: event.startsAt,
          ...(event.kind === "meeting_canceled" && event.reason ? { reason: clip(event.reason, 300) } : {}),
          // Worded as scheduled by a person ("Meeting with … scheduled"), not booked by the lead:
          // entered by hand, or found in the owner's Google Calendar.
          ...(event.provider === "manual" || event.provider === "google" ? { manual: true } : {}),
        },
        actionUrl: leadUrl,
        extra: { meetingId: event.meetingId, startsAt: event.startsAt },
      };
      break;
    case "meeting_reminder": {
      const minutes = Math.max(0, Math.round((new Date(event.startsAt).getTime() - now.getTime()) / 60_000));
      composed = {
        ...base,
        category: categoryOf(event.kind),
        priority: meetingPriority(event.startsAt, now),
        params: { lead, title: event.title, startsAt: event.startsAt, minutes },
        actionUrl: leadUrl,
        dedupeKey: `meeting_reminder:${event.meetingId}:${new Date(event.startsAt).toISOString()}`,
        extra: { meetingId: event.meetingId, startsAt: event.startsAt },
      };
      break;
    }
    case "approval_requested":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        params: event.failure
          ? { lead, agent: event.agentName, failure: event.failure }
          : { lead, agent: event.agentName, preview: clip((event.preview ?? "").replace(/\s+/g, " "), 300) },
        actionUrl: `/approvals?task=${event.taskId}`,
        extra: { taskId: event.taskId, conversationId: event.conversationId },
      };
      break;
    case "approval_decided":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: event.decision === "approved" ? "success" : "warning",
        params: { lead, decision: event.decision, note: event.note ? clip(event.note, 300) : null },
        actionUrl: event.conversationId ? `/inbox?c=${event.conversationId}` : leadUrl,
        extra: { taskId: event.taskId, conversationId: event.conversationId, decision: event.decision },
      };
      break;
    case "inbound_message":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        params: { lead, preview: clip(event.preview.replace(/\s+/g, " "), 300) },
        actionUrl: `/inbox?c=${event.conversationId}`,
        extra: { conversationId: event.conversationId, messageId: event.messageId },
      };
      break;
    case "integration_failing":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: "error",
        params: { provider: event.provider, status: event.status, problem: event.problem },
        actionUrl: event.provider === "webhooks" ? "/settings/webhooks" : "/settings/integrations",
        extra: { provider: event.provider, status: event.status },
      };
      break;
    case "response_sla_breached":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: "warning",
        params: { lead, minutes: event.targetMinutes },
        actionUrl: `/inbox?c=${event.conversationId}`,
        dedupeKey: `response_sla_breached:${event.conversationId}:${new Date(event.waitingSince).toISOString()}`,
        extra: { conversationId: event.conversationId, waitingSince: event.waitingSince },
      };
      break;
    case "task_reminder":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        params: { lead, title: clip(event.title, 200), dueAt: event.dueAt },
        actionUrl: leadId ? leadUrl : "/tasks",
        dedupeKey: `task_reminder:${event.taskId}:${new Date(event.dueAt).toISOString()}`,
        extra: { taskId: event.taskId, dueAt: event.dueAt },
      };
      break;
  }
  const { extra, ...rest } = composed;
  return {
    ...rest,
    metadata: { category: rest.category, priority: rest.priority, kind: event.kind, leadId, ...extra },
  };
}
