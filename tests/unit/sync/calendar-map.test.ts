import { describe, expect, it } from "vitest";
import { initialWindow, isMeetingCandidate, toSyncedEvent, WINDOW_DAYS } from "@/lib/sync/calendar/map";

describe("what the calendar sync keeps of a Google event", () => {
  it("keeps the other people on the invitation, lower-cased and once, without the user, rooms or bad addresses", () => {
    const event = toSyncedEvent({
      id: "evt1",
      status: "confirmed",
      summary: "Roof survey",
      start: { dateTime: "2027-01-10T09:00:00+01:00", timeZone: "Europe/Zurich" },
      end: { dateTime: "2027-01-10T10:00:00+01:00" },
      organizer: { email: "Ines.Organizer@Kestrel-Roofing.test" },
      attendees: [
        { email: "me@fernhill-mail.test", self: true },
        { email: "Marta.Quell@Blauwerk-Solar.test" },
        { email: "marta.quell@blauwerk-solar.test" },
        { email: "room-3@fernhill-mail.test", resource: true },
        { email: "not an address" },
      ],
      conferenceData: { entryPoints: [{ entryPointType: "video", uri: "https://meet.example.test/x" }] },
      updated: "2027-01-01T12:00:00.000Z",
    });
    expect(event).toMatchObject({
      id: "evt1",
      status: "confirmed",
      summary: "Roof survey",
      allDay: false,
      timezone: "Europe/Zurich",
      joinUrl: "https://meet.example.test/x",
      attendeeEmails: ["marta.quell@blauwerk-solar.test", "ines.organizer@kestrel-roofing.test"],
    });
    expect(event!.startsAt).toEqual(new Date("2027-01-10T08:00:00Z"));
    expect(event!.endsAt).toEqual(new Date("2027-01-10T09:00:00Z"));
    expect(isMeetingCandidate(event!)).toBe(true);
  });

  it("an organizer who is the user is nobody else, and an all-day entry or a cancellation is no meeting", () => {
    const allDay = toSyncedEvent({
      id: "evt2",
      start: { date: "2027-02-01" },
      end: { date: "2027-02-02" },
      organizer: { email: "me@fernhill-mail.test", self: true },
    })!;
    expect(allDay).toMatchObject({ allDay: true, attendeeEmails: [], status: "confirmed" });
    expect(isMeetingCandidate(allDay)).toBe(false);
    // A cancellation from a sync token carries its id and status only.
    const cancelled = toSyncedEvent({ id: "evt3", status: "cancelled" })!;
    expect(cancelled).toMatchObject({ status: "cancelled", startsAt: null, attendeeEmails: [] });
    expect(isMeetingCandidate(cancelled)).toBe(false);
    expect(toSyncedEvent({ status: "confirmed" })).toBeNull();
  });

  it("an end before the start is read as no length at all", () => {
    const event = toSyncedEvent({
      id: "evt4",
      start: { dateTime: "2027-03-01T10:00:00Z" },
      end: { dateTime: "2027-03-01T09:00:00Z" },
    })!;
    expect(event.endsAt).toEqual(event.startsAt);
  });

  it("an initial sync reads from 30 days back to 90 days ahead", () => {
    const now = new Date("2027-05-01T00:00:00Z");
    expect(WINDOW_DAYS).toEqual({ back: 30, ahead: 90 });
    expect(initialWindow(now)).toEqual({ timeMin: "2027-04-01T00:00:00.000Z", timeMax: "2027-07-30T00:00:00.000Z" });
  });
});
