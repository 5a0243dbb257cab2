import { describe, expect, it } from "vitest";
import { MAX_CUSTOM_DAYS } from "@/lib/analytics/range";
import {
  analyticsSearchParams,
  DEFAULT_RANGE,
  parseAnalyticsParams,
  requestedWidgets,
  searchParamsObject,
  toAnalyticsQuery,
} from "@/lib/analytics/schema";
import { WIDGETS } from "@/lib/analytics/types";

const parse = (query: string) => parseAnalyticsParams(new URLSearchParams(query));
/** The fields a query's errors name, sorted. */
const errorFields = (query: string) => {
  const result = parse(query);
  expect(result.success, query).toBe(false);
  return [...new Set(result.error!.issues.map((i) => i.path.join(".")))].sort();
};

describe("the analytics query string", () => {
  it("defaults to the last 30 days as JSON, every widget, no project, no zone", () => {
    const result = parse("");
    expect(result.data).toEqual({ range: DEFAULT_RANGE, format: "json" });
    expect(requestedWidgets(result.data!)).toEqual([...WIDGETS]);
  });

  it.each(["24h", "7d", "30d", "90d"])("takes range=%s", (range) => {
    expect(parse(`range=${range}`).data?.range).toBe(range);
  });

  it("from and to alone mean a custom range", () => {
    expect(parse("from=2026-06-01&to=2026-06-07").data).toMatchObject({
      range: "custom",
      from: "2026-06-01",
      to: "2026-06-07",
    });
  });

  it("reads widget as a comma-separated list, without repeats", () => {
    expect(parse("widget=heat, team,heat").data?.widget).toEqual(["heat", "team"]);
  });

  it.each([
    ["range=1y", ["range"]],
    ["range=custom", ["from", "to"]],
    ["range=custom&from=2026-06-01", ["to"]],
    ["to=2026-06-01", ["from"]],
    ["from=2026-06-08&to=2026-06-01", ["to"]],
    ["from=2026-02-30&to=2026-03-01", ["from"]],
    ["from=1969-12-31&to=1970-01-02", ["from"]],
    ["from=20260601&to=2026-06-02", ["from"]],
    ["range=7d&from=2026-06-01", ["from"]],
    ["tz=Mars/Olympus_Mons", ["tz"]],
    ["tz=", ["tz"]],
    ["widget=heat,weather", ["widget.1"]],
    ["widget=", ["widget"]],
    ["project=42", ["project"]],
    ["format=xlsx", ["format"]],
    ["format=csv", ["widget"]],
    ["format=csv&widget=heat,team", ["widget"]],
  ])("%s is refused on %j", (query, fields) => {
    expect(errorFields(query)).toEqual(fields);
  });

  it(`a custom range covers at most ${MAX_CUSTOM_DAYS} days, both ends included`, () => {
    const longest = new Date(Date.UTC(2025, 0, 1) + (MAX_CUSTOM_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const tooLong = new Date(Date.UTC(2025, 0, 1) + MAX_CUSTOM_DAYS * 86_400_000).toISOString().slice(0, 10);
    expect(parse(`from=2025-01-01&to=${longest}`).success).toBe(true);
    expect(errorFields(`from=2025-01-01&to=${tooLong}`)).toEqual(["to"]);
  });

  it("spells the zone as Intl does, so the database reads the same zone", () => {
    expect(parse("tz=europe/zurich").data?.tz).toBe("Europe/Zurich");
    expect(parse("tz=UTC").data?.tz).toBe("UTC");
  });

  it("takes the first value of a repeated page search param", () => {
    expect(searchParamsObject({ range: ["7d", "90d"], project: undefined, tz: "UTC" })).toEqual({
      range: "7d",
      tz: "UTC",
    });
  });

  it("resolves in the query's zone, else the zone given (the user's)", () => {
    const now = new Date("2026-06-15T22:30:00Z");
    const inUserZone = toAnalyticsQuery(parse("range=7d").data!, "Europe/Zurich", now);
    expect(inUserZone.timeZone).toBe("Europe/Zurich");
    expect(inUserZone.days.at(-1)).toBe("2026-06-16");
    const explicit = toAnalyticsQuery(parse("range=7d&tz=America/New_York").data!, "Europe/Zurich", now);
    expect(explicit.timeZone).toBe("America/New_York");
    expect(explicit.days.at(-1)).toBe("2026-06-15");
  });

  it("writes search params that parse back to the same query", () => {
    const params = parse(
      "range=custom&from=2026-03-01&to=2026-03-31&project=4b7c1d2e-0000-4000-8000-000000000000&tz=Europe/Zurich&widget=heat,team",
    ).data!;
    expect(parse(analyticsSearchParams(params).toString()).data).toEqual(params);
    expect(analyticsSearchParams({ range: "7d", from: "2026-03-01" }).toString()).toBe("range=7d");
  });
});
