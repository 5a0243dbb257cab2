import { describe, expect, it } from "vitest";
import { latestDueSlot, nextRunAt, reportPeriod, type Schedule } from "@/lib/reports/schedule";

const weeklyMonday8Zurich: Schedule = {
  cadence: "weekly",
  weekday: 1,
  dayOfMonth: null,
  hour: 8,
  timeZone: "Europe/Zurich",
};
const monthly31: Schedule = { cadence: "monthly", weekday: null, dayOfMonth: 31, hour: 9, timeZone: "UTC" };

describe("report schedule", () => {
  it("runs a weekly Monday 08:00 Zurich report at 08:00 local time on both sides of the spring DST change", () => {
    const first = nextRunAt(weeklyMonday8Zurich, new Date("2026-03-20T12:00:00Z"));
    expect(first.toISOString()).toBe("2026-03-23T07:00:00.000Z"); // CET, UTC+1
    const second = nextRunAt(weeklyMonday8Zurich, first);
    expect(second.toISOString()).toBe("2026-03-30T06:00:00.000Z"); // CEST, UTC+2
  });

  it("runs a weekly Monday 08:00 Zurich report at 08:00 local time on both sides of the autumn DST change", () => {
    const first = nextRunAt(weeklyMonday8Zurich, new Date("2026-10-19T05:59:59Z"));
    expect(first.toISOString()).toBe("2026-10-19T06:00:00.000Z"); // CEST
    expect(nextRunAt(weeklyMonday8Zurich, first).toISOString()).toBe("2026-10-26T07:00:00.000Z"); // CET
  });

  it("schedules later the same day when the hour is still ahead, and next week once it has passed", () => {
    expect(nextRunAt(weeklyMonday8Zurich, new Date("2026-03-23T06:59:00Z")).toISOString()).toBe(
      "2026-03-23T07:00:00.000Z",
    );
    expect(nextRunAt(weeklyMonday8Zurich, new Date("2026-03-23T07:00:00Z")).toISOString()).toBe(
      "2026-03-30T06:00:00.000Z",
    );
  });

  it("uses the subscriber's local date, not the UTC date, to find the weekday", () => {
    // Sunday 23:30 UTC is already Monday 00:30 in Zurich: Monday 08:00 is the same local day.
    expect(nextRunAt(weeklyMonday8Zurich, new Date("2026-01-04T23:30:00Z")).toISOString()).toBe(
      "2026-01-05T07:00:00.000Z",
    );
  });

  it("moves a run at an hour skipped by DST to the first hour that exists", () => {
    const sunday2am: Schedule = { ...weeklyMonday8Zurich, weekday: 7, hour: 2 };
    // 2026-03-29 02:00 does not exist in Zurich (clocks jump from 02:00 to 03:00 CEST = 01:00Z).
    expect(nextRunAt(sunday2am, new Date("2026-03-28T12:00:00Z")).toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("clamps a monthly day 31 to the last day of shorter months and returns to the 31st after", () => {
    const feb = nextRunAt(monthly31, new Date("2026-01-31T09:00:00Z"));
    expect(feb.toISOString()).toBe("2026-02-28T09:00:00.000Z");
    const mar = nextRunAt(monthly31, feb);
    expect(mar.toISOString()).toBe("2026-03-31T09:00:00.000Z");
    expect(nextRunAt(monthly31, mar).toISOString()).toBe("2026-04-30T09:00:00.000Z");
    expect(nextRunAt(monthly31, new Date("2028-02-01T00:00:00Z")).toISOString()).toBe("2028-02-29T09:00:00.000Z");
  });

  it("covers the seven local days before a weekly run", () => {
    expect(reportPeriod(weeklyMonday8Zurich, new Date("2026-03-30T06:00:00Z"), true)).toEqual({
      from: "2026-03-23",
      to: "2026-03-29",
    });
  });

  it("makes consecutive monthly reports meet without gaps or overlaps, clamped months included", () => {
    const feb = reportPeriod(monthly31, new Date("2026-02-28T09:00:00Z"), true);
    const mar = reportPeriod(monthly31, new Date("2026-03-31T09:00:00Z"), true);
    expect(feb).toEqual({ from: "2026-01-31", to: "2026-02-27" });
    expect(mar).toEqual({ from: "2026-02-28", to: "2026-03-30" });
  });

  it("covers the month up to yesterday when a monthly report is sent now", () => {
    expect(reportPeriod(monthly31, new Date("2026-12-03T15:00:00Z"), false)).toEqual({
      from: "2026-11-03",
      to: "2026-12-02",
    });
  });
});

describe("a late dispatch", () => {
  it("reports on the newest missed slot only, so downtime sends one report rather than a backlog", () => {
    const due = new Date("2026-03-02T07:00:00Z"); // Monday 08:00 CET
    const now = new Date("2026-03-25T12:00:00Z"); // three Mondays later
    expect(latestDueSlot(weeklyMonday8Zurich, due, now).toISOString()).toBe("2026-03-23T07:00:00.000Z");
  });

  it("keeps the stored slot when it is the newest one due", () => {
    const due = new Date("2026-03-23T07:00:00Z");
    expect(latestDueSlot(weeklyMonday8Zurich, due, new Date("2026-03-23T07:03:00Z"))).toEqual(due);
  });
});
