import type { Role } from "@/lib/auth/roles";
import type { NotificationEvent } from "./events";

/**
 * Who hears about an event: the ONE place that decides. Pure, so every rule is unit-tested
 * (tests/unit/notifications/recipients.test.ts); notify() loads the context and calls it.
 *
 * Rules:
 * - heat_changed, bant_qualified: the lead's owner; an unowned lead goes to the managers,
 *   admins and owners, so a lead turning hot with nobody on it is never missed.
 * - meeting_booked / canceled / rescheduled / no_show: the meeting's owner, else the lead's
 *   owner, else managers and above.
 * - meeting_reminder: the user the reminder is for, and nobody else.
 * - approval_requested: the task's assignee when there is one (the conversation's assignee),
 *   plus managers, admins and owners, who decide approvals.
 * - approval_decided: the lead's owner and the conversation's assignee.
 * - inbound_message: the conversation's assignee; an unassigned thread goes to nobody — the
 *   inbox's unread badge already shows it to everyone and a message to every manager for
 *   every unassigned thread would drown them.
 * - integration_failing: admins and owners, who can fix the connection; a user's own
 *   connection (Google), that user alone, who is the only one who can reconnect it.
 * - task_reminder: the task's assignee (the user it is for), and nobody else.
 * - response_sla_breached: the conversation's assignee; an unassigned thread goes to the
 *   managers, admins and owners, who can give it to someone.
 * The actor who caused the event (the signed-in user editing BANT, deciding an approval…) is
 * never told about their own action. Only members of the organization can be recipients.
 */
export type RecipientContext = {
  members: { userId: string; role: Role }[];
  leadOwnerId: string | null;
  conversationAssigneeId: string | null;
  meetingOwnerId: string | null;
  /** The user acting in the caller's transaction, when there is one. */
  actorId: string | null;
};

const RANK: Record<Role, number> = { owner: 4, admin: 3, manager: 2, rep: 1 };

export function recipientsFor(event: NotificationEvent, context: RecipientContext): string[] {
  const members = new Set(context.members.map((m) => m.userId));
  const atLeast = (role: Role) => context.members.filter((m) => RANK[m.role] >= RANK[role]).map((m) => m.userId);
  const ownerOrManagers = (owner: string | null) => (owner && members.has(owner) ? [owner] : atLeast("manager"));

  let chosen: (string | null)[];
  switch (event.kind) {
    case "heat_changed":
    case "bant_qualified":
      chosen = ownerOrManagers(context.leadOwnerId);
      break;
    case "meeting_booked":
    case "meeting_canceled":
    case "meeting_rescheduled":
    case "meeting_no_show":
      chosen = ownerOrManagers(
        context.meetingOwnerId && members.has(context.meetingOwnerId) ? context.meetingOwnerId : context.leadOwnerId,
      );
      break;
    case "meeting_reminder":
    case "task_reminder":
      // Reminders are the user's own schedule: sent even though "they" caused nothing.
      return members.has(event.userId) ? [event.userId] : [];
    case "approval_requested":
      chosen = [context.conversationAssigneeId, ...atLeast("manager")];
      break;
    case "approval_decided":
      chosen = [context.leadOwnerId, context.conversationAssigneeId];
      break;
    case "inbound_message":
      chosen = [context.conversationAssigneeId];
      break;
    case "integration_failing":
      // Their own account: told even when their own request ran into the refusal.
      if (event.userId) return members.has(event.userId) ? [event.userId] : [];
      chosen = atLeast("admin");
      break;
    case "response_sla_breached":
      chosen = ownerOrManagers(context.conversationAssigneeId);
      break;
  }
  const actor = event.kind === "approval_decided" ? (context.actorId ?? event.decidedBy) : context.actorId;
  const unique = new Set(chosen.filter((id): id is string => Boolean(id) && members.has(id!) && id !== actor));
  return [...unique].sort();
}
