import { describe, expect, it } from "vitest";
import { isTimeZone, resolveRange } from "@/lib/analytics/range";

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();
const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR;
/** The wall-clock time of an instant in a zone, "YYYY-MM-DD HH:mm". */
const wall = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);

describe("resolveRange", () => {
  describe("day boundaries in the user's zone", () => {
    it("Zurich: 7d is the last seven local days including today, starting at local midnight", () => {
      const q = resolveRange({ range: "7d", timeZone: "Europe/Zurich", now: new Date("2026-06-15T10:00:00Z") });
      expect(iso(q.from)).toBe("2026-06-08T22:00:00.000Z"); // 9 June 00:00 CEST
      expect(iso(q.to)).toBe("2026-06-15T10:00:00.000Z");
      expect(q.days).toEqual([
        "2026-06-09",
        "2026-06-10",
        "2026-06-11",
        "2026-06-12",
        "2026-06-13",
        "2026-06-14",
        "2026-06-15",
      ]);
    });

    it("Zurich: half an hour after local midnight is already the next day, though UTC is still on the previous one", () => {
      const q = resolveRange({ range: "7d", timeZone: "Europe/Zurich", now: new Date("2026-06-15T22:30:00Z") });
      expect(q.days.at(-1)).toBe("2026-06-16");
      expect(q.days[0]).toBe("2026-06-10");
      expect(iso(q.from)).toBe("2026-06-09T22:00:00.000Z");
      const utc = resolveRange({ range: "7d", timeZone: "UTC", now: new Date("2026-06-15T22:30:00Z") });
      expect(utc.days.at(-1)).toBe("2026-06-15");
    });

    it("New York: half an hour before local midnight is still the same day, though UTC is on the next one", () => {
      const q = resolveRange({ range: "7d", timeZone: "America/New_York", now: new Date("2026-06-16T03:30:00Z") });
      expect(q.days.at(-1)).toBe("2026-06-15");
      expect(q.days[0]).toBe("2026-06-09");
      expect(iso(q.from)).toBe("2026-06-09T04:00:00.000Z"); // 9 June 00:00 EDT
      expect(wall(q.from, "America/New_York")).toBe("2026-06-09 00:00");
    });

    it("New York in winter: local midnight is 05:00 UTC", () => {
      const q = resolveRange({ range: "30d", timeZone: "America/New_York", now: new Date("2026-01-31T12:00:00Z") });
      expect(iso(q.from)).toBe("2026-01-02T05:00:00.000Z");
      expect(q.days).toHaveLength(30);
      expect(q.days[0]).toBe("2026-01-02");
      expect(q.days.at(-1)).toBe("2026-01-31");
    });
  });

  describe("daylight saving time changes", () => {
    it.each([
      ["Europe/Zurich", "2026-03-29", 23], // clocks go forward: a 23-hour day
      ["Europe/Zurich", "2026-10-25", 25], // clocks go back: a 25-hour day
      ["America/New_York", "2026-03-08", 23],
      ["America/New_York", "2026-11-01", 25],
    ])("%s on %s has a %i-hour local day", (timeZone, day, length) => {
      const q = resolveRange({ range: "custom", from: day, to: day, timeZone });
      expect(hours(q.from, q.to)).toBe(length);
      expect(q.days).toEqual([day]);
      expect(wall(q.from, timeZone)).toBe(`${day} 00:00`);
      expect(wall(q.to, timeZone).slice(11)).toBe("00:00");
    });

    it("a 7d range across the spring change starts at local midnight and has one hour less", () => {
      const now = new Date("2026-04-02T10:00:00Z");
      const q = resolveRange({ range: "7d", timeZone: "Europe/Zurich", now });
      expect(wall(q.from, "Europe/Zurich")).toBe("2026-03-27 00:00");
      expect(iso(q.from)).toBe("2026-03-26T23:00:00.000Z"); // still CET
      expect(q.days).toHaveLength(7);
    });
  });

  describe("24h", () => {
    it("is the last 24 hourly buckets up to now, and the previous 24 hours before them", () => {
      const q = resolveRange({ range: "24h", timeZone: "Europe/Zurich", now: new Date("2026-06-15T10:37:00Z") });
      expect(iso(q.from)).toBe("2026-06-14T11:00:00.000Z");
      expect(iso(q.to)).toBe("2026-06-15T10:37:00.000Z");
      expect(iso(q.previousTo)).toBe(iso(q.from));
      expect(iso(q.previousFrom)).toBe("2026-06-13T11:00:00.000Z");
      expect(q.days).toEqual(["2026-06-14", "2026-06-15"]);
    });

    it("counts hours, not local days, on the night the clocks change", () => {
      const q = resolveRange({ range: "24h", timeZone: "Europe/Zurich", now: new Date("2026-03-29T12:15:00Z") });
      expect(hours(q.from, q.previousTo)).toBe(0);
      expect(hours(q.previousFrom, q.previousTo)).toBe(24);
      expect(iso(q.from)).toBe("2026-03-28T13:00:00.000Z");
    });
  });

  describe("custom", () => {
    it("includes its end day: from 00:00 on the first day to 00:00 after the last", () => {
      const q = resolveRange({ range: "custom", from: "2026-06-01", to: "2026-06-07", timeZone: "Europe/Zurich" });
      expect(iso(q.from)).toBe("2026-05-31T22:00:00.000Z");
      expect(iso(q.to)).toBe("2026-06-07T22:00:00.000Z");
      expect(q.days).toHaveLength(7);
      expect(q.days.at(-1)).toBe("2026-06-07");
    });

    it("a single day is one local day", () => {
      const q = resolveRange({ range: "custom", from: "2026-06-01", to: "2026-06-01", timeZone: "UTC" });
      expect(hours(q.from, q.to)).toBe(24);
      expect(q.days).toEqual(["2026-06-01"]);
    });

    it("throws when a bound is missing (the query schema turns that into a field error first)", () => {
      expect(() => resolveRange({ range: "custom", from: "2026-06-01", timeZone: "UTC" })).toThrow(RangeError);
    });

    it("passes the project through, null for all projects", () => {
      const id = "4b7c1d2e-0000-4000-8000-000000000000";
      expect(resolveRange({ range: "7d", timeZone: "UTC", projectId: id }).projectId).toBe(id);
      expect(resolveRange({ range: "7d", timeZone: "UTC" }).projectId).toBeNull();
    });
  });

  describe("the previous period", () => {
    it("covers the same local days just before a custom range, even when the clocks change inside", () => {
      // 29 March – 4 April holds the spring change (167 hours); 22–28 March does not (168 hours).
      const q = resolveRange({ range: "custom", from: "2026-03-29", to: "2026-04-04", timeZone: "Europe/Zurich" });
      expect(wall(q.previousFrom, "Europe/Zurich")).toBe("2026-03-22 00:00");
      expect(iso(q.previousTo)).toBe(iso(q.from));
      expect(hours(q.from, q.to)).toBe(167);
      expect(hours(q.previousFrom, q.previousTo)).toBe(168);
    });

    it("for 7d/30d/90d starts at local midnight N days earlier and ends at the same local time N days before now", () => {
      const now = new Date("2026-04-02T10:00:00Z"); // 12:00 CEST
      const q = resolveRange({ range: "7d", timeZone: "Europe/Zurich", now });
      expect(wall(q.previousFrom, "Europe/Zurich")).toBe("2026-03-20 00:00");
      expect(wall(q.previousTo, "Europe/Zurich")).toBe("2026-03-26 12:00");
      const month = resolveRange({ range: "30d", timeZone: "America/New_York", now });
      expect(wall(month.previousFrom, "America/New_York")).toBe("2026-02-02 00:00");
      expect(wall(month.from, "America/New_York")).toBe("2026-03-04 00:00");
      const quarter = resolveRange({ range: "90d", timeZone: "UTC", now });
      expect(quarter.days).toHaveLength(90);
      expect(hours(quarter.previousFrom, quarter.from)).toBe(90 * 24);
    });
  });
});

describe("isTimeZone", () => {
  it("knows IANA names and refuses anything else", () => {
    expect(isTimeZone("Europe/Zurich")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
