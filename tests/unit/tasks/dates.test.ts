import { describe, expect, it } from "vitest";
import { parseDue, snoozeUntil } from "@/lib/tasks/dates";

// Friday 4 December 2026, 14:30 in Zurich (13:30 UTC).
const now = new Date("2026-12-04T13:30:00Z");
const zurich = { now, timeZone: "Europe/Zurich" } as const;
const iso = (input: string, language: "en" | "de" | "he", timeZone: string = zurich.timeZone) =>
  parseDue(input, { now, timeZone, language })?.dueAt.toISOString() ?? null;

describe("natural due dates in English", () => {
  it("reads a weekday and a time on the user's wall clock", () => {
    expect(iso("Call Anna tue 10am", "en")).toBe("2026-12-08T09:00:00.000Z"); // 10:00 in Zurich
    expect(iso("Call Anna tue 10am", "en", "America/New_York")).toBe("2026-12-08T15:00:00.000Z");
  });
  it("reads 'in 3 days' as that day at 09:00 and 'in 2 hours' from now", () => {
    expect(iso("send the offer in 3 days", "en")).toBe("2026-12-07T08:00:00.000Z");
    expect(iso("ping in 2 hours", "en")).toBe("2026-12-04T15:30:00.000Z");
  });
  it("reads 'tomorrow 9' as 09:00 tomorrow and takes the words out of the title", () => {
    const parsed = parseDue("Follow up tomorrow 9", { ...zurich, language: "en" });
    expect(parsed?.dueAt.toISOString()).toBe("2026-12-05T08:00:00.000Z");
    expect(parsed?.title).toBe("Follow up");
  });
  it("answers null when the text names no date", () => {
    expect(parseDue("Send the brochure", { ...zurich, language: "en" })).toBeNull();
  });
  it("the same words mean another instant in another zone: tomorrow 9 in Jerusalem", () => {
    expect(iso("tomorrow 9", "en", "Asia/Jerusalem")).toBe("2026-12-05T07:00:00.000Z");
  });
});

describe("natural due dates in German", () => {
  it("reads 'Di 10 Uhr', 'morgen 9' and 'in 3 Tagen'", () => {
    expect(iso("Anna anrufen Di 10 Uhr", "de")).toBe("2026-12-08T09:00:00.000Z");
    expect(iso("Angebot nachfassen morgen 9", "de")).toBe("2026-12-05T08:00:00.000Z");
    expect(iso("in 3 Tagen", "de")).toBe("2026-12-07T08:00:00.000Z");
  });
  it("takes the date out of the title", () => {
    expect(parseDue("Anna anrufen am Dienstag um 10", { ...zurich, language: "de" })?.title).toBe("Anna anrufen");
  });
});

describe("natural due dates in Hebrew", () => {
  it("reads מחר, מחרתיים and a time after ב-", () => {
    expect(iso("להתקשר לדנה מחר ב-10", "he")).toBe("2026-12-05T09:00:00.000Z");
    expect(iso("מחרתיים", "he")).toBe("2026-12-06T08:00:00.000Z");
  });
  it("reads בעוד 3 ימים, בעוד שעתיים and ביום שלישי ב-10", () => {
    expect(iso("בעוד 3 ימים", "he")).toBe("2026-12-07T08:00:00.000Z");
    expect(iso("בעוד שעתיים", "he")).toBe("2026-12-04T15:30:00.000Z");
    expect(iso("לחזור ללקוח ביום שלישי ב-10", "he", "Asia/Jerusalem")).toBe("2026-12-08T08:00:00.000Z");
  });
  it("reads a bare afternoon hour as the afternoon and keeps the title", () => {
    const parsed = parseDue("להתקשר לדנה מחר ב-4", { ...zurich, language: "he" });
    expect(parsed?.dueAt.toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect(parsed?.title).toBe("להתקשר לדנה");
  });
  it("answers null for Hebrew without a date", () => {
    expect(parseDue("לשלוח הצעת מחיר", { ...zurich, language: "he" })).toBeNull();
  });
});

describe("snoozing on the user's wall clock", () => {
  it("an hour, tomorrow 09:00 and next Monday 09:00", () => {
    expect(snoozeUntil("hour", now, "Europe/Zurich").toISOString()).toBe("2026-12-04T14:30:00.000Z");
    expect(snoozeUntil("tomorrow", now, "Europe/Zurich").toISOString()).toBe("2026-12-05T08:00:00.000Z");
    expect(snoozeUntil("nextWeek", now, "America/New_York").toISOString()).toBe("2026-12-07T14:00:00.000Z");
  });
});
