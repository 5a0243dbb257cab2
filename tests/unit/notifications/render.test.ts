import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { REASON_KEYS, VERBATIM_REASON_KEYS, renderLeadEventReason } from "@/lib/leads/reasons";
import { composeNotification } from "@/lib/notifications/compose";
import type { NotificationEvent } from "@/lib/notifications/events";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";

const notificationTexts = translatorFor("en", "notificationTexts", "Europe/Zurich");
const timelineReasons = translatorFor("en", "timelineReasons", "Europe/Zurich");
const heatLines = heatLineTextFor("en", "Europe/Zurich");
const fieldLabels = translatorFor("en", "leads.fields", "Europe/Zurich");
// next-intl answers a missing message with its key path: no rendered text may contain one.
const MISSING = /notificationTexts\.|timelineReasons\./;

const org = "o";
const at = "2026-12-01T10:00:00.000Z";
const EVENTS: NotificationEvent[] = [
  { kind: "heat_changed", orgId: org, leadId: "l", from: "warm", to: "hot", reason: "Replied within an hour (+15)" },
  { kind: "heat_changed", orgId: org, leadId: "l", from: "hot", to: "cold", reason: null },
  { kind: "bant_qualified", orgId: org, leadId: "l" },
  { kind: "meeting_booked", orgId: org, leadId: "l", meetingId: "m", title: "Intro", startsAt: at },
  {
    kind: "meeting_canceled",
    orgId: org,
    leadId: "l",
    meetingId: "m",
    title: "Intro",
    startsAt: at,
    reason: "Budget frozen",
  },
  { kind: "meeting_rescheduled", orgId: org, leadId: "l", meetingId: "m", title: "Intro", startsAt: at },
  { kind: "meeting_no_show", orgId: org, leadId: "l", meetingId: "m", title: "Intro", startsAt: at },
  { kind: "meeting_reminder", orgId: org, leadId: "l", meetingId: "m", title: "Intro", startsAt: at, userId: "u" },
  {
    kind: "approval_requested",
    orgId: org,
    taskId: "t",
    leadId: "l",
    conversationId: "c",
    preview: "Hello",
    agentName: "Sales Bot",
  },
  {
    kind: "approval_requested",
    orgId: org,
    taskId: "t",
    leadId: "l",
    conversationId: "c",
    preview: "Hello",
    agentName: null,
  },
  {
    kind: "approval_requested",
    orgId: org,
    taskId: "t",
    leadId: "l",
    conversationId: "c",
    failure: "timeout",
    agentName: "Sales Bot",
  },
  {
    kind: "approval_requested",
    orgId: org,
    taskId: "t",
    leadId: "l",
    conversationId: "c",
    failure: "rate_limited",
    agentName: null,
  },
  {
    kind: "approval_decided",
    orgId: org,
    taskId: "t",
    leadId: "l",
    conversationId: null,
    decision: "approved",
    decidedBy: "u",
    note: null,
  },
  {
    kind: "approval_decided",
    orgId: org,
    taskId: "t",
    leadId: "l",
    conversationId: null,
    decision: "rejected",
    decidedBy: "u",
    note: "Too pushy",
  },
  { kind: "inbound_message", orgId: org, conversationId: "c", leadId: "l", messageId: "m", preview: "" },
  {
    kind: "integration_failing",
    orgId: org,
    provider: "whatsapp_cloud",
    status: "disconnected",
    problem: { kind: "disconnected", params: {} },
  },
];

describe("notification texts", () => {
  it("every kind renders from its parameters with a message of the catalogue", () => {
    const rendered = EVENTS.map((e) => {
      const n = composeNotification(e, { leadName: "Ada" }, new Date("2026-12-01T09:45:00Z"));
      expect(JSON.stringify(n)).not.toMatch(/Ada is|booked a meeting|needs approval/);
      return renderNotification(n.kind, n.params, notificationTexts, heatLines);
    });
    expect(
      rendered.filter((r) => r.message.startsWith("The AI could not draft a reply")).map((r) => r.message),
    ).toEqual([
      "The AI could not draft a reply (it took too long). Please answer yourself.",
      "The AI could not draft a reply (the provider's rate limit). Please answer yourself.",
    ]);
    for (const text of rendered) {
      expect(text.title).not.toMatch(MISSING);
      expect(text.message).not.toMatch(MISSING);
      expect(text.title.length).toBeGreaterThan(0);
    }
    expect(rendered.map((r) => r.title)).toEqual([
      "Ada is now hot",
      "Ada cooled down to cold",
      "Ada is BANT qualified",
      "Ada booked a meeting",
      "Ada canceled a meeting",
      "Ada rescheduled a meeting",
      "Ada did not show up",
      "Meeting with Ada in 15 min",
      "Sales Bot drafted a reply to Ada",
      "A reply to Ada needs approval",
      "A reply to Ada needs approval",
      "A reply to Ada needs approval",
      "Reply to Ada approved",
      "Reply to Ada rejected",
      "New message from Ada",
      "WhatsApp was disconnected",
    ]);
    // Times in the reader's zone, named; free text as written.
    expect(rendered[4]!.message).toMatch(/^Intro — Tue, 12\/01\/2026, 11:00 AM GMT\+1\. Reason: Budget frozen$/);
    expect(rendered[13]!.message).toBe("Too pushy");
    expect(rendered[14]!.message).toBe("(attachment)");
    expect(rendered[15]!.message).toBe("The connection was removed and its tokens deleted.");
  });

  it("an integration's problem is stored as a kind and worded in the reader's language; an old sentence is not shown", () => {
    const n = composeNotification(
      {
        kind: "integration_failing",
        orgId: org,
        provider: "calendly",
        status: "needs_reauth",
        problem: { kind: "token_rejected", params: {} },
      },
      { leadName: null },
      new Date(at),
    );
    expect(n.params).toEqual({
      provider: "calendly",
      status: "needs_reauth",
      problem: { kind: "token_rejected", params: {} },
    });
    const english = renderNotification(n.kind, n.params, notificationTexts, heatLines).message;
    expect(english).toBe("The access token was refused (HTTP 401), even after a refresh. Reconnect to restore it.");
    for (const locale of ["de", "he"]) {
      const text = renderNotification(
        n.kind,
        n.params,
        translatorFor(locale, "notificationTexts"),
        heatLineTextFor(locale, "UTC"),
      );
      expect(text.message).not.toMatch(MISSING);
      expect(text.message).not.toBe(english);
      expect(text.title).not.toBe("Calendly needs to be reconnected");
    }
    // A parameter of another shape (a sentence) is not a kind: it reads as "no further details".
    expect(
      renderNotification(
        "integration_failing",
        { provider: "calendly", status: "error", problem: "Token revoked" },
        notificationTexts,
        heatLines,
      ).message,
    ).toBe("No further details.");
  });

  it("a row whose old sentence could not be mapped is shown as it was", () => {
    expect(
      renderNotification(
        "heat_changed",
        { legacy: { title: "Old title", message: "Old message" } },
        notificationTexts,
        heatLines,
      ),
    ).toEqual({
      title: "Old title",
      message: "Old message",
    });
  });
});

describe("timeline reasons", () => {
  it("every key has a message and renders its parameters", () => {
    const params: Record<string, unknown> = {
      name: "Maya Chen",
      agent: "Sales Bot",
      channel: "whatsapp",
      from: "new",
      to: "contacted",
      fields: ["email", "phone"],
      title: "Solar consultation",
      startsAt: at,
      previousAt: at,
      note: "Not yet",
      scoreFrom: 40,
      scoreTo: 62,
      lines: ["Replied within an hour (+15)"],
      text: "An old sentence",
    };
    for (const key of REASON_KEYS) {
      const text = renderLeadEventReason(key, params, null, timelineReasons, heatLines, fieldLabels);
      expect(text, key).toBeTruthy();
      expect(text, key).not.toMatch(MISSING);
      if (!VERBATIM_REASON_KEYS.includes(key)) expect(text, key).not.toBe("An old sentence");
    }
    expect(renderLeadEventReason("status_changed", params, null, timelineReasons, heatLines, fieldLabels)).toBe(
      "Status new → contacted",
    );
    expect(renderLeadEventReason("merged_from_import", params, null, timelineReasons, heatLines, fieldLabels)).toBe(
      "Merged from import by Maya Chen: Email, Phone",
    );
    expect(
      renderLeadEventReason(
        "heat_changed",
        { ...params, override: { by: "Maya Chen", level: "hot", reason: "Trade fair" } },
        null,
        timelineReasons,
        heatLines,
        fieldLabels,
      ),
    ).toBe('Heat 40 → 62\nReplied within an hour (+15)\nMaya Chen pinned the level at hot: "Trade fair"');
  });

  it("free text typed by a person is shown as written, ICU syntax and all", () => {
    const typed = "She said {budget} is 'flexible' — #1 <b>priority</b>";
    expect(renderLeadEventReason(null, {}, typed, timelineReasons, heatLines, fieldLabels)).toBe(typed);
    expect(
      renderLeadEventReason(
        "reply_rejected",
        { name: "Maya", note: typed },
        null,
        timelineReasons,
        heatLines,
        fieldLabels,
      ),
    ).toBe(`Maya rejected the AI's reply: ${typed}`);
  });
});
