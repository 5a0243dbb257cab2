import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { composeNotification } from "@/lib/notifications/compose";
import { recipientsFor } from "@/lib/notifications/recipients";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { detectCallbackRequest } from "@/lib/tasks/callbacks";
import { sectionOf } from "@/lib/tasks/views";

// Friday 4 December 2026, 14:30 in Zurich.
const now = new Date("2026-12-04T13:30:00Z");
const zurich = { now, timeZone: "Europe/Zurich" };

describe("callback requests in a lead's message", () => {
  it("'call me back on Tuesday' asks for Tuesday 09:00 on the caller's wall clock, quoting the sentence", () => {
    const found = detectCallbackRequest("Thanks for the quote! Can you call me back on Tuesday?", zurich);
    expect(found).toMatchObject({ language: "en", quote: "Can you call me back on Tuesday?" });
    expect(found?.dueAt.toISOString()).toBe("2026-12-08T08:00:00.000Z");
  });
  it("'rufen Sie mich Dienstag an' is a German request; a greeting's 'Morgen' is no date", () => {
    const found = detectCallbackRequest("Guten Morgen! Rufen Sie mich bitte Dienstag um 11 an.", zurich);
    expect(found).toMatchObject({ language: "de" });
    expect(found?.dueAt.toISOString()).toBe("2026-12-08T10:00:00.000Z");
    expect(detectCallbackRequest("Guten Morgen, rufen Sie mich an.", zurich)).toBeNull();
  });
  it("'תתקשרו אליי ביום שלישי' is a Hebrew request", () => {
    const found = detectCallbackRequest("תודה! תתקשרו אליי ביום שלישי ב-10", { ...zurich, timeZone: "Asia/Jerusalem" });
    expect(found).toMatchObject({ language: "he" });
    expect(found?.dueAt.toISOString()).toBe("2026-12-08T08:00:00.000Z");
  });
  it("a date without a request to call, or a request without a date, proposes nothing", () => {
    expect(detectCallbackRequest("The delivery arrives on Tuesday.", zurich)).toBeNull();
    expect(detectCallbackRequest("Please call me back.", zurich)).toBeNull();
  });
});

describe("task reminders as notifications", () => {
  const event = {
    kind: "task_reminder" as const,
    orgId: "o",
    taskId: "t",
    leadId: "l",
    title: "Call Anna",
    dueAt: "2026-12-08T09:00:00.000Z",
    userId: "u",
  };
  it("go to the assignee alone, in the task_reminders category, once per due time", () => {
    const members = [
      { userId: "u", role: "rep" as const },
      { userId: "m", role: "manager" as const },
    ];
    const context = { members, leadOwnerId: "m", conversationAssigneeId: null, meetingOwnerId: null, actorId: null };
    expect(recipientsFor(event, context)).toEqual(["u"]);
    const composed = composeNotification(event, { leadName: "Anna Keller" });
    expect(composed).toMatchObject({
      category: "task_reminders",
      dedupeKey: "task_reminder:t:2026-12-08T09:00:00.000Z",
      actionUrl: "/leads/l",
      params: { lead: "Anna Keller", title: "Call Anna" },
    });
  });
  it("render in the reader's language and zone", () => {
    const composed = composeNotification(event, { leadName: "Anna Keller" });
    const text = renderNotification(
      composed.kind,
      composed.params,
      translatorFor("en", "notificationTexts", "Europe/Zurich"),
      heatLineTextFor("en", "Europe/Zurich"),
    );
    expect(text.title).toBe("A task for Anna Keller is due");
    expect(text.message).toContain("Call Anna");
    expect(text.message).toContain("10:00");
  });
});

describe("My tasks sections", () => {
  it("overdue once due, today until the user's midnight, upcoming after it or without a date", () => {
    expect(sectionOf("2026-12-04T13:00:00Z", now, "Europe/Zurich")).toBe("overdue");
    expect(sectionOf("2026-12-04T22:30:00Z", now, "Europe/Zurich")).toBe("today"); // 23:30 in Zurich
    expect(sectionOf("2026-12-04T23:30:00Z", now, "Europe/Zurich")).toBe("upcoming"); // 00:30 tomorrow
    expect(sectionOf("2026-12-04T23:30:00Z", now, "America/New_York")).toBe("today");
    expect(sectionOf(null, now, "Europe/Zurich")).toBe("upcoming");
  });
});
