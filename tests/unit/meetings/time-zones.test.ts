import { describe, expect, it } from "vitest";
import type { MeetingRow } from "@/components/meetings/types";
import { fromDateTimeInput, fromWallTime, toWallTime } from "@/lib/client/zoned-time";
import { translatorFor } from "@/lib/i18n/translator";
import { renderLeadEventReason } from "@/lib/leads/reasons";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { meetingTextFor } from "./render-meeting";

/** 15:00 UTC on 5 December 2026: 10:00 in New York (EST), 16:00 in Zurich (CET). */
const meeting: MeetingRow = {
  id: "6f1c2b1e-0000-4000-8000-000000000001",
  leadId: "6f1c2b1e-0000-4000-8000-000000000002",
  leadName: "Nora Keller",
  ownerId: null,
  ownerName: "Maya Chen",
  provider: "manual",
  title: "Site visit",
  startsAt: "2026-12-05T15:00:00.000Z",
  endsAt: "2026-12-05T15:30:00.000Z",
  timezone: "Europe/Zurich",
  location: null,
  joinUrl: null,
  status: "scheduled",
  noShow: false,
  canceledReason: null,
  rescheduledFromStartsAt: null,
  inviteeName: null,
  inviteeEmail: null,
  answers: [],
  attendees: null,
  outcomeNote: null,
  canMarkHeld: false,
  canChange: false,
  googleCalendar: null,
};

describe("a meeting's time in the viewing user's zone", () => {
  it("renders the same meeting at 10:00–10:30 EST for a user in New York and 16:00–16:30 for a user in Zurich", () => {
    const newYork = meetingTextFor(meeting, "America/New_York");
    const zurich = meetingTextFor(meeting, "Europe/Zurich");
    expect(newYork).toMatch(/Sat, Dec 5, 10:00 AM\s*–\s*10:30 AM EST/);
    expect(zurich).toMatch(/Sat, Dec 5, 04:00 PM\s*–\s*04:30 PM GMT\+1/);
    expect(newYork).not.toMatch(/15:00|03:00 PM/);
  });

  it("words the timeline entry and the notification of that meeting in each reader's zone", () => {
    const params = { title: "Site visit", startsAt: meeting.startsAt, lead: "Nora Keller" };
    const entry = (zone: string) =>
      renderLeadEventReason(
        "meeting_scheduled_manual",
        params,
        null,
        translatorFor("en", "timelineReasons", zone),
        heatLineTextFor("en", zone),
        translatorFor("en", "leads.fields"),
      );
    expect(entry("America/New_York")).toMatch(/^Meeting scheduled: Site visit on Sat, 12\/05\/2026, 10:00 AM/);
    expect(entry("Europe/Zurich")).toMatch(/^Meeting scheduled: Site visit on Sat, 12\/05\/2026, 04:00 PM/);

    const note = (zone: string) =>
      renderNotification(
        "meeting_booked",
        params,
        translatorFor("en", "notificationTexts", zone),
        heatLineTextFor("en", zone),
      ).message;
    expect(note("America/New_York")).toMatch(/10:00 AM/);
    expect(note("Europe/Zurich")).toMatch(/04:00 PM/);
  });

  it("reads a meeting form's date and time inputs in the user's zone, whatever the browser's", () => {
    expect(fromWallTime("2026-12-05", "10:00", "America/New_York")?.toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect(fromWallTime("2026-12-05", "16:00", "Europe/Zurich")?.toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect(toWallTime(new Date(meeting.startsAt), "America/New_York")).toEqual({ date: "2026-12-05", time: "10:00" });
    expect(toWallTime(new Date(meeting.startsAt), "Europe/Zurich")).toEqual({ date: "2026-12-05", time: "16:00" });
    expect(fromDateTimeInput("2026-07-01T09:30", "Europe/Zurich")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(fromWallTime("2026-12-05", "", "Europe/Zurich")).toBeNull();
  });

  it("words an untitled meeting at read time in each language instead of storing English", () => {
    const params = { title: "", startsAt: meeting.startsAt, lead: "Nora Keller" };
    const reminder = (locale: string) =>
      renderNotification(
        "meeting_reminder",
        params,
        translatorFor(locale, "notificationTexts"),
        heatLineTextFor(locale, "UTC"),
      ).message;
    expect(reminder("en")).toMatch(/^Meeting — /);
    const held = renderLeadEventReason(
      "meeting_held",
      params,
      null,
      translatorFor("en", "timelineReasons"),
      heatLineTextFor("en", "UTC"),
      translatorFor("en", "leads.fields"),
    );
    expect(held).toMatch(/^Meeting held: untitled meeting on /);
  });
});
