import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { approvalKeys } from "@/components/approvals/keys";
import { dashboardKeys } from "@/components/dashboard/keys";
import { inboxKeys } from "@/components/inbox/keys";
import { leadKeys } from "@/components/leads/keys";
import { meetingKeys } from "@/components/meetings/keys";
import { notificationKeys } from "@/components/notifications/keys";

/**
 * The live-update map: which React Query keys each server-sent topic refreshes. Events carry ids
 * only, so pages re-read the rows through the API (and RLS). Keys come from the domains' key
 * factories, so a renamed key cannot silently stop updating.
 */
export type LiveTopic = "conversations" | "messages" | "hil_tasks" | "notifications" | "meetings" | "ready";
export type LiveEventData = { id?: string | null; conversationId?: string | null };

const idsOf = (events: LiveEventData[], field: "id" | "conversationId") =>
  new Set(events.map((e) => e[field]).filter((id): id is string => Boolean(id)));

/** The keys (prefixes) one burst of `topic` events makes stale. */
export function liveKeysFor(topic: LiveTopic, events: LiveEventData[]): QueryKey[] {
  const keys: QueryKey[] = [];
  if (topic === "messages") {
    for (const id of idsOf(events, "conversationId")) keys.push(inboxKeys.messages(id), inboxKeys.conversation(id));
    // A new message moves its thread to the top of the list and changes the preview.
    keys.push(inboxKeys.lists(), inboxKeys.unreadCount());
    // On the dashboard: messages per day and response times, and replies sent per rep.
    keys.push(dashboardKeys.widget("conversations"), dashboardKeys.widget("team"));
  } else if (topic === "conversations") {
    for (const id of idsOf(events, "id")) keys.push(inboxKeys.conversation(id));
    keys.push(inboxKeys.lists(), inboxKeys.unreadCount());
    keys.push(dashboardKeys.widget("conversations"));
  } else if (topic === "hil_tasks") {
    // A draft was created, decided or superseded: the queue, its badge and the threads' draft status.
    keys.push(approvalKeys.tasks());
    for (const id of idsOf(events, "conversationId")) keys.push(inboxKeys.conversation(id));
    keys.push(dashboardKeys.widget("agents"));
  } else if (topic === "meetings") {
    // A booking, cancel or no-show: the meetings lists, and the lead it changed (heat, timeline).
    keys.push(meetingKeys.all, leadKeys.details(), leadKeys.timelines());
    // A meeting moves its lead along the pipeline and may warm it up.
    keys.push(
      dashboardKeys.widget("meetings"),
      dashboardKeys.widget("pipeline"),
      dashboardKeys.widget("heat"),
      dashboardKeys.widget("progression"),
      dashboardKeys.widget("team"),
    );
  } else if (topic === "notifications") {
    // The stream sends these only to their user: the bell, the dropdown and the full list.
    keys.push(notificationKeys.feed());
  }
  return keys;
}

/** What the polling fallback (and a reconnect) refreshes: everything the stream would announce. */
export const POLLED_KEYS: QueryKey[] = [inboxKeys.all, approvalKeys.tasks(), notificationKeys.feed(), meetingKeys.all];

export function invalidateFor(queryClient: QueryClient, topic: LiveTopic, events: LiveEventData[]) {
  for (const queryKey of liveKeysFor(topic, events)) void queryClient.invalidateQueries({ queryKey });
}

export function refreshLiveKeys(queryClient: QueryClient) {
  for (const queryKey of POLLED_KEYS) void queryClient.invalidateQueries({ queryKey });
}
