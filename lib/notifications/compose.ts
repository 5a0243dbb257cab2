import type { Priority } from "./quiet-hours";
import { categoryOf, type Category } from "./categories";
import type { NotificationEvent } from "./events";

export type NotificationType = "success" | "info" | "warning" | "error";

/** One notification as every recipient gets it (private.create_notifications' `item`). */
export type ComposedNotification = {
  kind: NotificationEvent["kind"];
  category: Category;
  title: string;
  message: string;
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
const HEAT_LABEL = { cold: "cold", warm: "warm", hot: "hot", burning: "burning" } as const;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "Tue, 3 Dec, 14:30 UTC": recipients read it in emails too, so the zone is always named. */
export function formatWhen(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(date);
}

/**
 * A meeting about to start cannot wait for the morning digest: within the next hour it is
 * urgent (and bypasses quiet hours if the user allows urgent items).
 */
export function meetingPriority(startsAt: string, now: Date): Priority {
  const start = new Date(startsAt).getTime();
  return start >= now.getTime() - 5 * 60_000 && start - now.getTime() <= HOUR ? "urgent" : "normal";
}

export function composeNotification(event: NotificationEvent, subject: { leadName: string | null }, now = new Date()): ComposedNotification {
  const lead = subject.leadName?.trim() || "A lead";
  const leadId = "leadId" in event ? event.leadId : null;
  const leadUrl = leadId ? `/leads/${leadId}` : null;
  const base = { kind: event.kind, priority: "normal" as Priority, dedupeKey: null as string | null, type: "info" as NotificationType };
  let composed: Omit<ComposedNotification, "metadata"> & { extra?: Record<string, unknown> };

  switch (event.kind) {
    case "heat_changed": {
      const rising = HEAT_RANK[event.to] > HEAT_RANK[event.from];
      composed = {
        ...base,
        category: categoryOf(event.kind, { heatRising: rising }),
        type: rising ? (event.to === "hot" || event.to === "burning" ? "success" : "info") : "warning",
        title: rising ? `${lead} is now ${HEAT_LABEL[event.to]}` : `${lead} cooled down to ${HEAT_LABEL[event.to]}`,
        message: `Heat ${HEAT_LABEL[event.from]} → ${HEAT_LABEL[event.to]}${event.reason ? `: ${clip(event.reason.split("\n")[0]!, 300)}` : ""}`,
        actionUrl: leadUrl,
        extra: { from: event.from, to: event.to },
      };
      break;
    }
    case "bant_qualified":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: "success",
        title: `${lead} is BANT qualified`,
        message: "Budget, authority, need and timeline are all confirmed.",
        actionUrl: leadUrl,
      };
      break;
    case "meeting_booked":
    case "meeting_canceled":
    case "meeting_rescheduled":
    case "meeting_no_show": {
      const when = formatWhen(event.startsAt);
      const titles = {
        meeting_booked: `${lead} booked a meeting`,
        meeting_canceled: `${lead} canceled a meeting`,
        meeting_rescheduled: `${lead} rescheduled a meeting`,
        meeting_no_show: `${lead} did not show up`,
      } as const;
      const messages = {
        meeting_booked: `${event.title} — ${when}`,
        meeting_canceled: `${event.title} — ${when}${event.reason ? `. Reason: ${clip(event.reason, 300)}` : ""}`,
        meeting_rescheduled: `${event.title} — now ${when}`,
        meeting_no_show: `${event.title} — ${when}`,
      } as const;
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: event.kind === "meeting_booked" || event.kind === "meeting_rescheduled" ? "success" : "warning",
        priority: event.kind === "meeting_no_show" || event.kind === "meeting_canceled" ? "normal" : meetingPriority(event.startsAt, now),
        title: titles[event.kind],
        message: messages[event.kind],
        actionUrl: leadUrl,
        extra: { meetingId: event.meetingId, startsAt: event.startsAt },
      };
      break;
    }
    case "meeting_reminder": {
      const minutes = Math.max(0, Math.round((new Date(event.startsAt).getTime() - now.getTime()) / 60_000));
      composed = {
        ...base,
        category: categoryOf(event.kind),
        priority: meetingPriority(event.startsAt, now),
        title: minutes > 0 ? `Meeting with ${lead} in ${minutes} min` : `Meeting with ${lead} starts now`,
        message: `${event.title} — ${formatWhen(event.startsAt)}`,
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
        title: event.agentName ? `${event.agentName} drafted a reply to ${lead}` : `A reply to ${lead} needs approval`,
        message: clip(event.preview.replace(/\s+/g, " "), 300),
        actionUrl: `/approvals?task=${event.taskId}`,
        extra: { taskId: event.taskId, conversationId: event.conversationId },
      };
      break;
    case "approval_decided":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: event.decision === "approved" ? "success" : "warning",
        title: event.decision === "approved" ? `Reply to ${lead} approved` : `Reply to ${lead} rejected`,
        message: event.note ? clip(event.note, 300) : event.decision === "approved" ? "The reply was sent." : "The draft was not sent.",
        actionUrl: event.conversationId ? `/inbox?c=${event.conversationId}` : leadUrl,
        extra: { taskId: event.taskId, conversationId: event.conversationId, decision: event.decision },
      };
      break;
    case "inbound_message":
      composed = {
        ...base,
        category: categoryOf(event.kind),
        title: `New message from ${lead}`,
        message: clip(event.preview.replace(/\s+/g, " "), 300) || "(attachment)",
        actionUrl: `/inbox?c=${event.conversationId}`,
        extra: { conversationId: event.conversationId, messageId: event.messageId },
      };
      break;
    case "integration_failing": {
      const names = { calendly: "Calendly", twilio: "Twilio", whatsapp_cloud: "WhatsApp" } as const;
      const states = { needs_reauth: "needs to be reconnected", error: "is failing", disconnected: "was disconnected" } as const;
      composed = {
        ...base,
        category: categoryOf(event.kind),
        type: "error",
        title: `${names[event.provider]} ${states[event.status]}`,
        message: clip(event.detail, 500),
        actionUrl: "/settings/integrations",
        extra: { provider: event.provider, status: event.status },
      };
      break;
    }
  }
  const { extra, ...rest } = composed;
  return {
    ...rest,
    title: clip(rest.title, 200),
    message: clip(rest.message, 1000),
    metadata: { category: rest.category, priority: rest.priority, kind: event.kind, leadId, ...extra },
  };
}
