import { QueryClient, type QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { approvalKeys } from "@/components/approvals/keys";
import { dashboardKeys } from "@/components/dashboard/keys";
import { inboxKeys } from "@/components/inbox/keys";
import { leadKeys } from "@/components/leads/keys";
import { meetingKeys } from "@/components/meetings/keys";
import { notificationKeys } from "@/components/notifications/keys";
import { invalidateFor, refreshLiveKeys, type LiveEventData, type LiveTopic } from "@/components/realtime/live-keys";

/** Every cache entry the pages hold, as the views key them. */
const CACHED: Record<string, QueryKey> = {
  inboxList: inboxKeys.list("status=open"),
  thread1: inboxKeys.conversation("c1"),
  thread2: inboxKeys.conversation("c2"),
  messages1: inboxKeys.messages("c1"),
  messages2: inboxKeys.messages("c2"),
  inboxUnread: inboxKeys.unreadCount(),
  queue: approvalKeys.list("status=pending"),
  task: approvalKeys.detail("t1"),
  pendingCount: approvalKeys.pendingCount(),
  approvalPolicy: approvalKeys.settings(),
  meetingsList: meetingKeys.list({ tab: "upcoming", owner: "", status: "" }),
  leadMeetings: meetingKeys.forLead("l1"),
  lead: leadKeys.detail("l1"),
  timeline: leadKeys.timeline("l1"),
  leadsList: leadKeys.list(""),
  leadCounts: leadKeys.counts(),
  bell: notificationKeys.unreadCount(),
  latest: notificationKeys.latest(10),
  notificationPage: notificationKeys.page({ category: null, unreadOnly: false }),
  notificationSettings: notificationKeys.settings(),
  dashboardSettings: dashboardKeys.settings(null),
  dashboardHeat: dashboardKeys.widgetView("heat", "range=7d"),
  dashboardPipeline: dashboardKeys.widgetView("pipeline", "range=7d"),
  dashboardProgression: dashboardKeys.widgetView("progression", "range=7d"),
  dashboardMeetings: dashboardKeys.widgetView("meetings", "range=7d"),
  dashboardConversations: dashboardKeys.widgetView("conversations", "range=30d&project=p1"),
  dashboardAgents: dashboardKeys.widgetView("agents", "range=7d"),
  dashboardTeam: dashboardKeys.widgetView("team", "range=7d"),
};

function refreshedBy(run: (client: QueryClient) => void): string[] {
  const client = new QueryClient();
  for (const key of Object.values(CACHED)) client.setQueryData(key, { cached: true });
  run(client);
  return Object.entries(CACHED)
    .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}
const onEvents = (topic: LiveTopic, events: LiveEventData[]) =>
  refreshedBy((client) => invalidateFor(client, topic, events));

describe("live updates", () => {
  it("a new message refreshes its own thread, the conversation lists, the unread badge and the dashboard's conversations and team, not other threads", () => {
    expect(onEvents("messages", [{ id: "m1", conversationId: "c1" }])).toEqual([
      "dashboardConversations",
      "dashboardTeam",
      "inboxList",
      "inboxUnread",
      "messages1",
      "thread1",
    ]);
  });

  it("a changed conversation refreshes it, the lists, the unread badge and the dashboard's conversations", () => {
    expect(onEvents("conversations", [{ id: "c2" }])).toEqual([
      "dashboardConversations",
      "inboxList",
      "inboxUnread",
      "thread2",
    ]);
  });

  it("a created or decided draft refreshes the queue, the open task, the badge, its thread and the agents widget, not the approval policy", () => {
    expect(onEvents("hil_tasks", [{ id: "t1", conversationId: "c1" }])).toEqual([
      "dashboardAgents",
      "pendingCount",
      "queue",
      "task",
      "thread1",
    ]);
  });

  it("a booking refreshes the meetings lists, the lead pages and timelines and the dashboard's lead widgets, not the leads list", () => {
    expect(onEvents("meetings", [{ id: "mt1" }])).toEqual([
      "dashboardHeat",
      "dashboardMeetings",
      "dashboardPipeline",
      "dashboardProgression",
      "dashboardTeam",
      "lead",
      "leadMeetings",
      "meetingsList",
      "timeline",
    ]);
  });

  it("a notification refreshes the bell, the dropdown and the notification center, not the settings", () => {
    expect(onEvents("notifications", [{ id: "n1" }])).toEqual(["bell", "latest", "notificationPage"]);
  });

  it("the polling fallback refreshes everything the stream would announce, and nothing else", () => {
    expect(refreshedBy(refreshLiveKeys)).toEqual(
      [
        "bell",
        "inboxList",
        "inboxUnread",
        "latest",
        "leadMeetings",
        "meetingsList",
        "messages1",
        "messages2",
        "notificationPage",
        "pendingCount",
        "queue",
        "task",
        "thread1",
        "thread2",
      ].sort(),
    );
  });
});
