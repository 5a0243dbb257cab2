import { describe, expect, it } from "vitest";
import { NOTIFICATION_CATEGORIES, categoryOf, DEFAULT_CHANNELS } from "@/lib/notifications/categories";
import { composeNotification, meetingPriority } from "@/lib/notifications/compose";
import { digestContent } from "@/lib/notifications/digest";
import type { NotificationEvent } from "@/lib/notifications/events";
import { recipientsFor, type RecipientContext } from "@/lib/notifications/recipients";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { translatorFor } from "@/lib/i18n/translator";
import { holdUntil } from "@/lib/notifications/schedule";
import { DEFAULT_SETTINGS, notificationSettingsSchema, type NotificationSettings } from "@/lib/notifications/settings";

const org = "00000000-0000-4000-8000-000000000000";
const [OWNER, ADMIN, MANAGER, REP, REP2] = ["u-owner", "u-admin", "u-manager", "u-rep", "u-rep2"];
const ctx = (over: Partial<RecipientContext> = {}): RecipientContext => ({
  members: [
    { userId: OWNER, role: "owner" },
    { userId: ADMIN, role: "admin" },
    { userId: MANAGER, role: "manager" },
    { userId: REP, role: "rep" },
    { userId: REP2, role: "rep" },
  ],
  leadOwnerId: REP,
  conversationAssigneeId: REP2,
  meetingOwnerId: null,
  actorId: null,
  ...over,
});
// What the recipient reads: the composed kind and parameters rendered in English.
const texts = translatorFor("en", "notificationTexts", "UTC");
const rendered = (n: ReturnType<typeof composeNotification>) => ({
  ...n,
  ...renderNotification(n.kind, n.params, texts, heatLineTextFor("en", "UTC")),
});
const heat: NotificationEvent = {
  kind: "heat_changed",
  orgId: org,
  leadId: "l",
  from: "warm",
  to: "hot",
  reason: null,
};

describe("recipient rules", () => {
  it("a heat change goes to the lead's owner, and not to the actor", () => {
    expect(recipientsFor(heat, ctx())).toEqual([REP]);
    expect(recipientsFor(heat, ctx({ actorId: REP }))).toEqual([]);
  });
  it("an unowned lead's news goes to managers, admins and owners", () => {
    expect(recipientsFor({ kind: "bant_qualified", orgId: org, leadId: "l" }, ctx({ leadOwnerId: null }))).toEqual(
      [ADMIN, MANAGER, OWNER].sort(),
    );
  });
  it("an owner who left the organization is replaced by the managers", () => {
    expect(recipientsFor(heat, ctx({ leadOwnerId: "u-gone" }))).toEqual([ADMIN, MANAGER, OWNER].sort());
  });
  it("a booking goes to the meeting's owner, else the lead's owner", () => {
    const booked: NotificationEvent = {
      kind: "meeting_booked",
      orgId: org,
      leadId: "l",
      meetingId: "m",
      title: "Intro",
      startsAt: "2026-12-01T10:00:00Z",
    };
    expect(recipientsFor(booked, ctx({ meetingOwnerId: REP2 }))).toEqual([REP2]);
    expect(recipientsFor(booked, ctx())).toEqual([REP]);
  });
  it("a reminder goes to its user only, and only if they are a member", () => {
    const reminder: NotificationEvent = {
      kind: "meeting_reminder",
      orgId: org,
      leadId: "l",
      meetingId: "m",
      title: "Intro",
      startsAt: "2026-12-01T10:00:00Z",
      userId: REP2,
    };
    expect(recipientsFor(reminder, ctx({ actorId: REP2 }))).toEqual([REP2]);
    expect(recipientsFor({ ...reminder, userId: "u-stranger" }, ctx())).toEqual([]);
  });
  it("approval requests go to the assignee and managers up; decisions to the lead owner and assignee, never the decider", () => {
    const requested: NotificationEvent = {
      kind: "approval_requested",
      orgId: org,
      taskId: "t",
      leadId: "l",
      conversationId: "c",
      preview: "Hi",
      agentName: "Ava",
    };
    expect(recipientsFor(requested, ctx())).toEqual([ADMIN, MANAGER, OWNER, REP2].sort());
    const decided: NotificationEvent = {
      kind: "approval_decided",
      orgId: org,
      taskId: "t",
      leadId: "l",
      conversationId: "c",
      decision: "approved",
      decidedBy: REP2,
      note: null,
    };
    expect(recipientsFor(decided, ctx())).toEqual([REP]);
  });
  it("an inbound message goes to the assignee; unassigned threads to nobody", () => {
    const inbound: NotificationEvent = {
      kind: "inbound_message",
      orgId: org,
      conversationId: "c",
      leadId: "l",
      messageId: "m",
      preview: "Hi",
    };
    expect(recipientsFor(inbound, ctx())).toEqual([REP2]);
    expect(recipientsFor(inbound, ctx({ conversationAssigneeId: null }))).toEqual([]);
  });
  it("integration failures go to admins and owners", () => {
    expect(
      recipientsFor(
        {
          kind: "integration_failing",
          orgId: org,
          provider: "calendly",
          status: "error",
          problem: { kind: "token_rejected", params: {} },
        },
        ctx(),
      ),
    ).toEqual([ADMIN, OWNER].sort());
  });

  it("a user's own Google connection failing goes to that user alone, even when they were acting", () => {
    const event: NotificationEvent = {
      kind: "integration_failing",
      orgId: org,
      userId: REP,
      provider: "google",
      status: "needs_reauth",
      problem: { kind: "grant_revoked", params: {} },
    };
    expect(recipientsFor(event, ctx({ actorId: REP }))).toEqual([REP]);
    expect(recipientsFor({ ...event, userId: "u-gone" }, ctx())).toEqual([]);
    const { title } = renderNotification(
      "integration_failing",
      { provider: "google", status: "needs_reauth" },
      texts,
      heatLineTextFor("en", "UTC"),
    );
    expect(title).toBe("Google needs to be reconnected");
  });
});

describe("composing", () => {
  it("heat going up is a progression, going down a lead update", () => {
    expect(categoryOf("heat_changed", { heatRising: true })).toBe("heat_progressions");
    expect(composeNotification({ ...heat, from: "hot", to: "warm" }, { leadName: "Ada" }).category).toBe(
      "lead_updates",
    );
    expect(rendered(composeNotification(heat, { leadName: "Ada" }))).toMatchObject({
      title: "Ada is now hot",
      type: "success",
      actionUrl: "/leads/l",
    });
  });
  it("a meeting within the next hour is urgent", () => {
    const now = new Date("2026-12-01T09:00:00Z");
    expect(meetingPriority("2026-12-01T09:45:00Z", now)).toBe("urgent");
    expect(meetingPriority("2026-12-01T10:30:00Z", now)).toBe("normal");
    expect(meetingPriority("2026-11-30T09:45:00Z", now)).toBe("normal");
  });
  it("deep links are relative paths and reminders carry a dedupe key per start time", () => {
    const reminder = rendered(
      composeNotification(
        {
          kind: "meeting_reminder",
          orgId: org,
          leadId: "l",
          meetingId: "m",
          title: "Intro",
          startsAt: "2026-12-01T10:00:00Z",
          userId: REP,
        },
        { leadName: null },
        new Date("2026-12-01T09:45:00Z"),
      ),
    );
    expect(reminder).toMatchObject({
      title: "Meeting with A lead in 15 min",
      priority: "urgent",
      dedupeKey: "meeting_reminder:m:2026-12-01T10:00:00.000Z",
    });
    expect(
      rendered(
        composeNotification(
          {
            kind: "inbound_message",
            orgId: org,
            conversationId: "c",
            leadId: null,
            messageId: "m",
            preview: "x".repeat(500),
          },
          { leadName: "Bo" },
        ),
      ).message.length,
    ).toBeLessThanOrEqual(300);
  });
});

const settings = (over: Partial<NotificationSettings> = {}): NotificationSettings => ({
  ...structuredClone(DEFAULT_SETTINGS),
  ...over,
});

describe("holding for quiet hours", () => {
  it("holds until 08:00 local time, in the user's zone", () => {
    const zurich = settings({ timezone: "Europe/Zurich" });
    expect(holdUntil(zurich, new Date("2026-12-01T22:30:00Z"), "normal")?.toISOString()).toBe(
      "2026-12-02T07:00:00.000Z",
    );
    const tokyo = settings({ timezone: "Asia/Tokyo" });
    expect(holdUntil(tokyo, new Date("2026-12-01T14:00:00Z"), "normal")?.toISOString()).toBe(
      "2026-12-01T23:00:00.000Z",
    );
    expect(holdUntil(zurich, new Date("2026-12-01T12:00:00Z"), "normal")).toBeNull();
  });
  it("across the spring-forward night the hold ends at 08:00 summer time", () => {
    const zurich = settings({ timezone: "Europe/Zurich" });
    // 29 March 2026: clocks jump 02:00 → 03:00 in Zurich; 08:00 CEST is 06:00 UTC.
    expect(holdUntil(zurich, new Date("2026-03-29T00:30:00Z"), "normal")?.toISOString()).toBe(
      "2026-03-29T06:00:00.000Z",
    );
  });
  it("urgent items bypass quiet hours only when the user allows it", () => {
    const at = new Date("2026-12-01T22:30:00Z");
    expect(holdUntil(settings({ timezone: "Europe/Zurich" }), at, "urgent")).not.toBeNull();
    expect(holdUntil(settings({ timezone: "Europe/Zurich", allowUrgentDuringQuiet: true }), at, "urgent")).toBeNull();
  });
  it("outside working hours waits for the next start of work, merged with quiet hours", () => {
    const s = settings({ timezone: "UTC", workingHours: { enabled: true, start: "09:00", end: "17:00" } });
    expect(holdUntil(s, new Date("2026-12-01T18:00:00Z"), "normal")?.toISOString()).toBe("2026-12-02T09:00:00.000Z");
    expect(holdUntil(s, new Date("2026-12-01T10:00:00Z"), "normal")).toBeNull();
  });
  it("quiet hours off never hold", () => {
    expect(
      holdUntil(
        settings({ quietHours: { enabled: false, start: "22:00", end: "08:00" } }),
        new Date("2026-12-01T23:00:00Z"),
        "normal",
      ),
    ).toBeNull();
  });
});

describe("digest", () => {
  it("lists the held items newest first with counts per category and a link each", () => {
    const items = [
      {
        createdAt: new Date("2026-12-01T22:10:00Z"),
        category: "inbox_messages",
        title: "New message from Ada",
        message: "Hi",
        actionUrl: "/inbox?c=1",
      },
      {
        createdAt: new Date("2026-12-01T23:10:00Z"),
        category: "inbox_messages",
        title: "New message from Bo",
        message: "Hello",
        actionUrl: "/inbox?c=2",
      },
      {
        createdAt: new Date("2026-12-02T01:00:00Z"),
        category: "heat_progressions",
        title: "Cy is now hot",
        message: "",
        actionUrl: "/leads/3",
      },
    ];
    const digest = digestContent(items, {
      appUrl: "https://crm.example.com",
      t: translatorFor("en", "notificationTexts", "Europe/Zurich"),
    });
    expect(digest.subject).toBe("3 notifications while you were away");
    expect(digest.pushBody).toBe("2 inbox messages, 1 heat progression");
    expect(digest.text.indexOf("Cy is now hot")).toBeLessThan(digest.text.indexOf("New message from Bo"));
    expect(digest.text).toContain("https://crm.example.com/inbox?c=2");
    expect(digest.sms.length).toBeLessThanOrEqual(320);
  });
});

describe("preference switches", () => {
  it("defaults: everything in the app, email for a subset, push and SMS off", () => {
    for (const c of NOTIFICATION_CATEGORIES)
      expect(DEFAULT_CHANNELS[c]).toMatchObject({ in_app: true, push: false, sms: false });
    expect(DEFAULT_CHANNELS.heat_progressions.email).toBe(false);
    expect(DEFAULT_CHANNELS.meeting_reminders.email).toBe(true);
  });
  it("validates each channel switch, the time zone and the SMS number", () => {
    const ok = notificationSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, phone: "+41 79 123 45 67" });
    expect(ok.success && ok.data.phone).toBe("+41791234567");
    const bad = notificationSettingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      timezone: "Europe/Atlantis",
      channels: { ...DEFAULT_SETTINGS.channels, approvals: { in_app: "yes" } },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("timezone");
    expect(paths).toContain("channels.approvals.in_app");
    expect(paths).toContain("channels.approvals.email");
  });
});
