import type { DraftFailureReason } from "@/lib/ai/failures";
import type { ChannelProvider } from "@/lib/channels/schema";
import type { IntegrationProblem } from "@/lib/integrations/problems";
import type { HeatLine } from "@/lib/scoring/lines";
import type { HeatLevel } from "@/lib/scoring/types";

/**
 * What happened, as producers report it to `notify(tx, event)` (lib/notifications/notify.ts).
 * Producers say what happened; the notifications module alone decides who hears about it,
 * on which channels, and when (preferences, quiet hours, digests).
 */
export type NotificationEvent =
  | {
      kind: "heat_changed";
      orgId: string;
      leadId: string;
      from: HeatLevel;
      to: HeatLevel;
      /** Why, as the scoring engine's lines ({ key, params }), rendered in the reader's language. */
      lines?: HeatLine[];
      /** Why, as free text a person wrote, shown as written. */
      reason?: string | null;
    }
  | { kind: "bant_qualified"; orgId: string; leadId: string }
  | {
      kind: "meeting_booked" | "meeting_canceled" | "meeting_rescheduled" | "meeting_no_show";
      orgId: string;
      leadId: string;
      meetingId: string;
      title: string;
      startsAt: string;
      /** Why it was canceled, when the invitee said. */
      reason?: string | null;
      /** Who reported it: Calendly, or a person who entered it by hand (worded differently). */
      provider?: "calendly" | "manual" | "google";
    }
  | {
      kind: "meeting_reminder";
      orgId: string;
      leadId: string;
      meetingId: string;
      title: string;
      startsAt: string;
      userId: string;
    }
  | {
      kind: "approval_requested";
      orgId: string;
      taskId: string;
      leadId: string | null;
      conversationId: string | null;
      /** The draft's opening words; absent when the AI could not draft (then `failure` says why). */
      preview?: string;
      failure?: DraftFailureReason;
      agentName: string | null;
    }
  | {
      kind: "approval_decided";
      orgId: string;
      taskId: string;
      leadId: string | null;
      conversationId: string | null;
      decision: "approved" | "rejected";
      decidedBy: string;
      note: string | null;
    }
  | {
      kind: "inbound_message";
      orgId: string;
      conversationId: string;
      leadId: string | null;
      messageId: string;
      preview: string;
    }
  | {
      kind: "integration_failing";
      orgId: string;
      provider: "calendly" | "google" | "webhooks" | ChannelProvider;
      /** A user's own connection (Google): only they hear of it; absent: the organization's admins. */
      userId?: string;
      status: "needs_reauth" | "error" | "disconnected";
      /** What went wrong, as a kind (lib/integrations/problems.ts); never the provider's words. */
      problem: IntegrationProblem;
    }
  | {
      /** A lead has waited longer than the channel's response-time SLA (lib/inbox/sla.ts); once per wait. */
      kind: "response_sla_breached";
      orgId: string;
      conversationId: string;
      leadId: string;
      /** When the lead started waiting (the wait's identity: one notification per wait). */
      waitingSince: string;
      targetMinutes: number;
    }
  | {
      /** A task of the user's is due (lib/tasks/reminders.ts); once per task and due time. */
      kind: "task_reminder";
      orgId: string;
      taskId: string;
      leadId: string | null;
      /** The task's title as its author typed it. */
      title: string;
      dueAt: string;
      userId: string;
    };

export type NotificationKind = NotificationEvent["kind"];
