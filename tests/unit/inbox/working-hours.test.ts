import { describe, expect, it } from "vitest";
import {
  DEFAULT_WORKING_HOURS,
  isSlaBreached,
  workingHoursSchema,
  workingMillisBetween,
  type WorkingHours,
} from "@/lib/inbox/working-hours";
import { recipientsFor } from "@/lib/notifications/recipients";

const minutes = (from: string, to: string, hours: WorkingHours = DEFAULT_WORKING_HOURS, tz = "Europe/Zurich") =>
  workingMillisBetween(new Date(from), new Date(to), hours, tz) / 60_000;

describe("working time between two instants", () => {
  it("counts only the working hours of each local day", () => {
    // Friday 16:30 → Monday 09:45 in Zurich: 30 minutes on Friday, 45 on Monday.
    expect(minutes("2026-12-04T15:30:00Z", "2026-12-07T08:45:00Z")).toBe(75);
  });

  it("counts nothing outside working hours", () => {
    // Saturday afternoon to Sunday night.
    expect(minutes("2026-12-05T13:00:00Z", "2026-12-06T22:00:00Z")).toBe(0);
    expect(minutes("2026-12-07T05:00:00Z", "2026-12-07T07:59:00Z")).toBe(0);
  });

  it("reads the hours on the organization's clock, not UTC", () => {
    // 09:00–10:00 in New York is 14:00–15:00 UTC.
    expect(minutes("2026-12-07T13:00:00Z", "2026-12-07T15:00:00Z", DEFAULT_WORKING_HOURS, "America/New_York")).toBe(60);
  });

  it("follows daylight saving time: a day shortened by the clock change counts its real length", () => {
    const allSunday: WorkingHours = { sun: { start: "00:00", end: "23:59" } };
    // 29 March 2026, Zurich springs forward: 00:00 CET → 23:59 CEST is 22 h 59 min.
    expect(minutes("2026-03-28T22:00:00Z", "2026-03-29T23:00:00Z", allSunday)).toBe(22 * 60 + 59);
  });

  it("is zero for an empty or reversed interval", () => {
    expect(minutes("2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z")).toBe(0);
    expect(minutes("2026-12-07T11:00:00Z", "2026-12-07T10:00:00Z")).toBe(0);
  });
});

describe("an SLA within working hours", () => {
  it("is breached only once the working time waited exceeds the target", () => {
    const since = new Date("2026-12-04T15:30:00Z"); // Friday 16:30 Zurich
    // Monday 08:10 Zurich: 30 working minutes on Friday + 10 on Monday = 40 ≤ 60.
    expect(isSlaBreached(since, new Date("2026-12-07T07:10:00Z"), 60, DEFAULT_WORKING_HOURS, "Europe/Zurich")).toBe(
      false,
    );
    // Monday 09:31 Zurich: 30 + 31 = 61 > 60, although the lead wrote 65 hours ago either way.
    expect(isSlaBreached(since, new Date("2026-12-07T08:31:00Z"), 60, DEFAULT_WORKING_HOURS, "Europe/Zurich")).toBe(
      true,
    );
  });

  it("refuses working hours that end before they start", () => {
    expect(workingHoursSchema.safeParse({ mon: { start: "17:00", end: "09:00" } }).success).toBe(false);
    expect(workingHoursSchema.safeParse({ mon: { start: "09:00", end: "17:00" } }).success).toBe(true);
  });
});

describe("who hears about a breached SLA", () => {
  const members = [
    { userId: "owner", role: "owner" as const },
    { userId: "manager", role: "manager" as const },
    { userId: "rep", role: "rep" as const },
  ];
  const event = {
    kind: "response_sla_breached" as const,
    orgId: "org",
    conversationId: "c",
    leadId: "l",
    waitingSince: "2026-12-04T10:00:00.000Z",
    targetMinutes: 30,
  };

  it("the conversation's assignee", () => {
    const context = { members, leadOwnerId: null, conversationAssigneeId: "rep", meetingOwnerId: null, actorId: null };
    expect(recipientsFor(event, context)).toEqual(["rep"]);
  });

  it("the managers and above when the conversation is unassigned", () => {
    const context = { members, leadOwnerId: "rep", conversationAssigneeId: null, meetingOwnerId: null, actorId: null };
    expect(recipientsFor(event, context)).toEqual(["manager", "owner"]);
  });
});
