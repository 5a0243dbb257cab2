import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { firstDayOfWeek, formatLocale, formatSettings, languageOf } from "@/lib/i18n/formats";
import { DEFAULT_APP_PREFERENCES, type DataPreferences } from "@/lib/preferences/schema";

const data = (patch: Partial<DataPreferences>): DataPreferences => ({ ...DEFAULT_APP_PREFERENCES.data, ...patch });
const SAMPLE = new Date(Date.UTC(2026, 11, 3, 13, 5));

function formatter(language: "en" | "de" | "he", prefs: DataPreferences, timeZone = "Europe/Zurich") {
  const settings = formatSettings(language, prefs, timeZone);
  return createFormatter({ locale: settings.locale, timeZone: settings.timeZone, formats: settings.formats });
}

// ICU writes the Swiss grouping mark as ’ (U+2019) or ' depending on its version.
const swissGrouping = /^1[’']234\.50$/;

describe("the formatting module", () => {
  it("Swiss formats for an English reader: 03.12.2026, 24-hour time, 1’234.50", () => {
    const swiss = data({ dateFormat: "dd.MM.yyyy", hourCycle: "h23", numberLocale: "de-CH", currency: "CHF" });
    const format = formatter("en", swiss);
    expect(format.dateTime(SAMPLE, "date")).toBe("03.12.2026");
    expect(format.dateTime(SAMPLE, { hour: "numeric", minute: "2-digit" })).toBe("14:05");
    expect(format.number(1234.5, "decimal")).toMatch(swissGrouping);
    expect(format.number(1234.5, "amount")).toMatch(/CHF/);
    expect(formatLocale("en", swiss)).toBe("en-CH-u-hc-h23");
  });

  it("each date pattern maps onto a region of the language that writes it", () => {
    const date = (dateFormat: DataPreferences["dateFormat"]) =>
      formatter("en", data({ dateFormat })).dateTime(SAMPLE, "date");
    expect(date("dd/MM/yyyy")).toBe("03/12/2026");
    expect(date("MM/dd/yyyy")).toBe("12/03/2026");
    expect(date("yyyy-MM-dd")).toBe("2026-12-03");
  });

  it("a chosen date pattern keeps the language's own number format when numbers are left on auto", () => {
    expect(formatter("en", data({ dateFormat: "dd/MM/yyyy" })).number(1234.5, "decimal")).toBe("1,234.50");
  });

  it("12-hour time when chosen, whatever the language's habit", () => {
    expect(
      formatter("de", data({ hourCycle: "h12" })).dateTime(SAMPLE, { hour: "numeric", minute: "2-digit" }),
    ).toMatch(/2:05/);
  });

  it("dates and times are in the reader's zone", () => {
    expect(formatter("en", data({ hourCycle: "h23" }), "Asia/Jerusalem").dateTime(SAMPLE, "time")).toBe("15:05");
  });

  it("the default currency formats amounts stored without one", () => {
    expect(formatter("en", data({ currency: "USD" })).number(12, "amount")).toBe("$12.00");
  });

  it("the first day of the week: the user's choice, else the region's", () => {
    expect(firstDayOfWeek("en", data({ weekStart: "6" }))).toBe(6);
    expect(firstDayOfWeek("de", data({}))).toBe(1);
    expect(firstDayOfWeek("en", data({ numberLocale: "en-US" }))).toBe(7);
  });

  it("the language of a formatting locale is its first subtag", () => {
    expect(languageOf("he-IL-u-hc-h23")).toBe("he");
  });
});
