import { describe, expect, it } from "vitest";
import {
  groupForDigest,
  isQuiet,
  quietEndsAt,
  quietHoursSettingsSchema,
  shouldHold,
  type QuietHoursSettings,
} from "@/lib/notifications/quiet-hours";

function settings(
  timezone: string,
  start = "22:00",
  end = "08:00",
  extra: { enabled?: boolean; allowUrgentDuringQuiet?: boolean } = {},
): QuietHoursSettings {
  return {
    timezone,
    quietHours: { enabled: extra.enabled ?? true, start, end },
    allowUrgentDuringQuiet: extra.allowUrgentDuringQuiet ?? false,
  };
}

const at = (iso: string) => new Date(iso);

describe("isQuiet (22:00–08:00, crossing midnight)", () => {
  it.each([
    // Europe/Zurich in May is UTC+2.
    ["Europe/Zurich", "2026-05-04T19:59:00Z", "21:59", false],
    ["Europe/Zurich", "2026-05-04T20:00:00Z", "22:00 sharp", true],
    ["Europe/Zurich", "2026-05-04T21:30:00Z", "23:30", true],
    ["Europe/Zurich", "2026-05-04T22:00:00Z", "midnight", true],
    ["Europe/Zurich", "2026-05-05T05:59:59Z", "07:59:59", true],
    ["Europe/Zurich", "2026-05-05T06:00:00Z", "08:00 sharp", false],
    ["Europe/Zurich", "2026-05-05T10:00:00Z", "noon", false],
    // America/New_York in May is UTC−4: the local evening is the next UTC day.
    ["America/New_York", "2026-05-05T01:59:00Z", "21:59", false],
    ["America/New_York", "2026-05-05T02:00:00Z", "22:00", true],
    ["America/New_York", "2026-05-05T11:59:00Z", "07:59", true],
    ["America/New_York", "2026-05-05T12:00:00Z", "08:00", false],
    // Asia/Kolkata is UTC+5:30: boundaries fall on half hours in UTC.
    ["Asia/Kolkata", "2026-05-04T16:29:00Z", "21:59", false],
    ["Asia/Kolkata", "2026-05-04T16:30:00Z", "22:00", true],
    ["Asia/Kolkata", "2026-05-05T02:29:00Z", "07:59", true],
    ["Asia/Kolkata", "2026-05-05T02:30:00Z", "08:00", false],
    // Pacific/Auckland in May is UTC+12: the local night is the UTC morning.
    ["Pacific/Auckland", "2026-05-04T09:59:00Z", "21:59", false],
    ["Pacific/Auckland", "2026-05-04T10:00:00Z", "22:00", true],
    ["Pacific/Auckland", "2026-05-04T19:59:00Z", "07:59", true],
    ["Pacific/Auckland", "2026-05-04T20:00:00Z", "08:00", false],
  ])("%s at %s (%s local) → %s", (timezone, instant, _local, quiet) => {
    expect(isQuiet(settings(timezone), at(instant))).toBe(quiet);
  });

  it("answers the same instant differently per time zone", () => {
    const instant = at("2026-05-04T20:30:00Z");
    expect(
      ["Europe/Zurich", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"].map((tz) =>
        isQuiet(settings(tz), instant),
      ),
    ).toEqual([true, false, true, false]);
  });
});

describe("isQuiet (other windows)", () => {
  it.each([
    ["13:00", "14:00", "2026-05-04T10:59:00Z", false],
    ["13:00", "14:00", "2026-05-04T11:00:00Z", true],
    ["13:00", "14:00", "2026-05-04T12:00:00Z", false],
    ["00:00", "07:00", "2026-05-04T21:59:00Z", false],
    ["00:00", "07:00", "2026-05-04T22:00:00Z", true],
    ["23:59", "00:01", "2026-05-04T21:59:30Z", true],
    ["23:59", "00:01", "2026-05-04T22:01:00Z", false],
  ])("Europe/Zurich %s–%s at %s → %s", (start, end, instant, quiet) => {
    expect(isQuiet(settings("Europe/Zurich", start, end), at(instant))).toBe(quiet);
  });

  it.each(["00:00", "08:00", "22:00"])("treats start == end (%s) as no quiet hours", (time) => {
    for (const hour of [0, 6, 12, 20, 22, 23]) {
      expect(
        isQuiet(settings("Europe/Zurich", time, time), at(`2026-05-04T${String(hour).padStart(2, "0")}:00:00Z`)),
      ).toBe(false);
    }
  });

  it("is never quiet when quiet hours are off", () => {
    expect(isQuiet(settings("Europe/Zurich", "22:00", "08:00", { enabled: false }), at("2026-05-04T23:00:00Z"))).toBe(
      false,
    );
  });

  it("refuses a time that is not HH:MM", () => {
    expect(() => isQuiet(settings("Europe/Zurich", "7:00", "08:00"), at("2026-05-04T23:00:00Z"))).toThrow(RangeError);
  });
});

describe("quietEndsAt", () => {
  it.each([
    ["Europe/Zurich, 23:00 local", "Europe/Zurich", "2026-05-04T21:00:00Z", "2026-05-05T06:00:00Z"],
    ["Europe/Zurich, 03:00 local (after midnight)", "Europe/Zurich", "2026-05-05T01:00:00Z", "2026-05-05T06:00:00Z"],
    ["Europe/Zurich, 22:00 sharp", "Europe/Zurich", "2026-05-04T20:00:00Z", "2026-05-05T06:00:00Z"],
    ["America/New_York, 23:00 local", "America/New_York", "2026-05-05T03:00:00Z", "2026-05-05T12:00:00Z"],
    ["Asia/Kolkata, 23:00 local", "Asia/Kolkata", "2026-05-04T17:30:00Z", "2026-05-05T02:30:00Z"],
    ["Pacific/Auckland, 23:00 local", "Pacific/Auckland", "2026-05-04T11:00:00Z", "2026-05-04T20:00:00Z"],
  ])("%s → 08:00 local", (_label, timezone, instant, expected) => {
    expect(quietEndsAt(settings(timezone), at(instant)).toISOString()).toBe(at(expected).toISOString());
  });

  it("returns the instant itself outside quiet hours, and when they are off or empty", () => {
    const noon = at("2026-05-04T10:00:00Z");
    expect(quietEndsAt(settings("Europe/Zurich"), noon)).toEqual(noon);
    const night = at("2026-05-04T21:00:00Z");
    expect(quietEndsAt(settings("Europe/Zurich", "22:00", "08:00", { enabled: false }), night)).toEqual(night);
    expect(quietEndsAt(settings("Europe/Zurich", "22:00", "22:00"), night)).toEqual(night);
  });

  it("ends a same-day window on the same day", () => {
    expect(quietEndsAt(settings("Europe/Zurich", "13:00", "14:30"), at("2026-05-04T11:10:00Z")).toISOString()).toBe(
      "2026-05-04T12:30:00.000Z",
    );
  });
});

describe("DST change days", () => {
  // Europe/Zurich: 2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).
  // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT → 01:00 EST (06:00Z).
  // Pacific/Auckland: 2026-09-27 02:00 NZST → 03:00 NZDT (2026-09-26T14:00Z).
  it.each([
    [
      "Zurich spring forward: a 7-hour night",
      "Europe/Zurich",
      "22:00",
      "08:00",
      "2026-03-28T22:00:00Z",
      "2026-03-29T06:00:00Z",
    ],
    [
      "Zurich fall back: an 11-hour night",
      "Europe/Zurich",
      "22:00",
      "08:00",
      "2026-10-24T21:00:00Z",
      "2026-10-25T07:00:00Z",
    ],
    ["New York spring forward", "America/New_York", "22:00", "08:00", "2026-03-08T04:00:00Z", "2026-03-08T12:00:00Z"],
    ["New York fall back", "America/New_York", "22:00", "08:00", "2026-11-01T03:00:00Z", "2026-11-01T13:00:00Z"],
    ["Auckland spring forward", "Pacific/Auckland", "22:00", "08:00", "2026-09-26T11:00:00Z", "2026-09-26T19:00:00Z"],
    // 02:30 does not exist on these days; 03:00 (the end of the gap) is the first instant past it.
    [
      "Zurich end at 02:30, which does not exist",
      "Europe/Zurich",
      "22:00",
      "02:30",
      "2026-03-28T22:00:00Z",
      "2026-03-29T01:00:00Z",
    ],
    [
      "New York end at 02:30, which does not exist",
      "America/New_York",
      "22:00",
      "02:30",
      "2026-03-08T04:00:00Z",
      "2026-03-08T07:00:00Z",
    ],
    // 01:30 happens twice in New York on 2026-11-01: the first one ends the night.
    [
      "New York end at 01:30, the first of two",
      "America/New_York",
      "22:00",
      "01:30",
      "2026-11-01T03:00:00Z",
      "2026-11-01T05:30:00Z",
    ],
  ])("%s", (_label, timezone, start, end, instant, expected) => {
    expect(quietEndsAt(settings(timezone, start, end), at(instant)).toISOString()).toBe(at(expected).toISOString());
  });

  it("on a spring-forward day, quiet ending at a missing 02:30 is over the moment clocks jump", () => {
    const zurich = settings("Europe/Zurich", "22:00", "02:30");
    expect(isQuiet(zurich, at("2026-03-29T00:59:59Z"))).toBe(true); // 01:59:59 CET
    expect(isQuiet(zurich, at("2026-03-29T01:00:00Z"))).toBe(false); // 03:00 CEST
  });

  it("on a spring-forward day, quiet starting at a missing 02:30 starts the moment clocks jump", () => {
    const zurich = settings("Europe/Zurich", "02:30", "06:00");
    expect(isQuiet(zurich, at("2026-03-29T00:59:00Z"))).toBe(false); // 01:59 CET
    expect(isQuiet(zurich, at("2026-03-29T01:00:00Z"))).toBe(true); // 03:00 CEST
    expect(quietEndsAt(zurich, at("2026-03-29T01:00:00Z")).toISOString()).toBe("2026-03-29T04:00:00.000Z");
  });

  it("in a fall-back fold, quiet follows the clock through the repeated hour", () => {
    const newYork = settings("America/New_York", "22:00", "01:30");
    expect(isQuiet(newYork, at("2026-11-01T05:45:00Z"))).toBe(false); // 01:45 EDT
    expect(isQuiet(newYork, at("2026-11-01T06:10:00Z"))).toBe(true); // 01:10 EST, the clock reads 01:10 again
    expect(quietEndsAt(newYork, at("2026-11-01T06:10:00Z")).toISOString()).toBe("2026-11-01T06:30:00.000Z"); // 01:30 EST
  });

  it("ends quiet at the fall-back jump when the clock falls back out of the window", () => {
    // 02:45–05:00 in Zurich: at 02:50 CEST the clock falls back to 02:00 CET, before 02:45.
    const zurich = settings("Europe/Zurich", "02:45", "05:00");
    expect(quietEndsAt(zurich, at("2026-10-25T00:50:00Z")).toISOString()).toBe("2026-10-25T01:00:00.000Z");
    expect(isQuiet(zurich, at("2026-10-25T01:30:00Z"))).toBe(false); // 02:30 CET
    expect(quietEndsAt(zurich, at("2026-10-25T01:45:00Z")).toISOString()).toBe("2026-10-25T04:00:00.000Z"); // 02:45 CET → 05:00 CET
  });

  it("always ends at the first instant that is not quiet, and stays quiet until then", () => {
    const zones = [
      "Europe/Zurich",
      "America/New_York",
      "Asia/Kolkata",
      "Pacific/Auckland",
      "Australia/Lord_Howe",
      "America/St_Johns",
    ];
    const windows: [string, string][] = [
      ["22:00", "08:00"],
      ["02:30", "06:00"],
      ["22:00", "02:30"],
      ["01:30", "01:00"],
      ["00:00", "23:59"],
      ["13:00", "14:00"],
    ];
    const days = [
      "2026-03-08",
      "2026-03-29",
      "2026-04-05",
      "2026-09-27",
      "2026-10-04",
      "2026-10-25",
      "2026-11-01",
      "2026-05-04",
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const timezone = zones[Math.floor(random() * zones.length)] as string;
      const [start, end] = windows[Math.floor(random() * windows.length)] as [string, string];
      const s = settings(timezone, start, end);
      const instant = new Date(
        Date.parse(`${days[Math.floor(random() * days.length)]}T00:00:00Z`) +
          Math.floor(random() * 48 * 60) * 60_000 -
          12 * 3_600_000,
      );
      if (!isQuiet(s, instant)) continue;
      const ends = quietEndsAt(s, instant);
      expect(ends.getTime()).toBeGreaterThan(instant.getTime());
      expect(isQuiet(s, ends)).toBe(false);
      for (let t = instant.getTime(); t < ends.getTime(); t += 5 * 60_000) expect(isQuiet(s, new Date(t))).toBe(true);
      expect(isQuiet(s, new Date(ends.getTime() - 1000))).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe("shouldHold", () => {
  it.each([
    ["outside quiet hours", "2026-05-04T10:00:00Z", "normal", false, false],
    ["outside quiet hours, urgent", "2026-05-04T10:00:00Z", "urgent", false, false],
    ["during quiet hours", "2026-05-04T21:00:00Z", "normal", false, true],
    ["during quiet hours, urgent, bypass not allowed", "2026-05-04T21:00:00Z", "urgent", false, true],
    ["during quiet hours, urgent, bypass allowed", "2026-05-04T21:00:00Z", "urgent", true, false],
    ["during quiet hours, normal, bypass allowed", "2026-05-04T21:00:00Z", "normal", true, true],
  ] as const)("%s → hold: %s", (_label, instant, priority, allowUrgentDuringQuiet, hold) => {
    expect(
      shouldHold(settings("Europe/Zurich", "22:00", "08:00", { allowUrgentDuringQuiet }), at(instant), priority),
    ).toBe(hold);
  });
});

describe("quietHoursSettingsSchema", () => {
  it("accepts the defaults from the design", () => {
    expect(quietHoursSettingsSchema.safeParse(settings("Europe/Zurich")).success).toBe(true);
  });

  it.each([
    ["an unknown zone", settings("Mars/Olympus_Mons")],
    ["24:00", settings("Europe/Zurich", "24:00", "08:00")],
    ["a single-digit hour", settings("Europe/Zurich", "22:00", "8:00")],
    ["seconds", settings("Europe/Zurich", "22:00:00", "08:00")],
  ])("refuses %s", (_label, value) => {
    expect(quietHoursSettingsSchema.safeParse(value).success).toBe(false);
  });
});

describe("groupForDigest", () => {
  const item = (minute: number, category: string, title: string, id = minute) => ({
    id,
    createdAt: new Date(Date.UTC(2026, 4, 4, 22, minute)),
    category,
    title,
  });
  const held = [
    item(5, "calendly", "Ada booked a consultation"),
    item(1, "heat", "Ada is now hot"),
    item(30, "approvals", "Reply to Bob needs approval"),
    item(12, "heat", "Carl is now warm"),
    item(45, "calendly", "Dora canceled"),
    item(50, "heat", "Eve is now burning"),
    item(20, "inbox", "New WhatsApp message from Ada"),
  ];

  it("counts per category, most frequent first, ties by name", () => {
    expect(groupForDigest(held).categories).toEqual([
      { category: "heat", count: 3 },
      { category: "calendly", count: 2 },
      { category: "approvals", count: 1 },
      { category: "inbox", count: 1 },
    ]);
  });

  it("lists the newest N items, keeps their extra fields, and says how many more there are", () => {
    const digest = groupForDigest(held, { latest: 3 });
    expect(digest.latest.map((entry) => entry.title)).toEqual([
      "Eve is now burning",
      "Dora canceled",
      "Reply to Bob needs approval",
    ]);
    expect(digest.latest[0]).toHaveProperty("id", 50);
    expect(digest.total).toBe(7);
    expect(digest.more).toBe(4);
  });

  it("spans from the oldest to the newest item", () => {
    const digest = groupForDigest(held);
    expect(digest.from).toEqual(new Date(Date.UTC(2026, 4, 4, 22, 1)));
    expect(digest.to).toEqual(new Date(Date.UTC(2026, 4, 4, 22, 50)));
    expect(digest.latest).toHaveLength(5);
  });

  it("does not reorder the caller's array", () => {
    const copy = [...held];
    groupForDigest(held);
    expect(held).toEqual(copy);
  });

  it("summarizes nothing as an empty digest", () => {
    expect(groupForDigest([])).toEqual({ total: 0, from: null, to: null, categories: [], latest: [], more: 0 });
  });

  it("can list no titles at all", () => {
    expect(groupForDigest(held, { latest: 0 })).toMatchObject({ latest: [], more: 7 });
  });
});
