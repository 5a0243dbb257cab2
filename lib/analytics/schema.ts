import { z } from "zod";
import { isTimeZone, MAX_CUSTOM_DAYS, resolveRange } from "./range";
import { RANGE_KEYS, WIDGETS, type AnalyticsQuery, type RangeKey, type WidgetName } from "./types";

/**
 * The analytics query string, one parser for the API (`GET /api/v1/analytics`), the dashboard
 * page, the PDF download and the scheduled reports, so a link means the same everywhere:
 *
 *   range=24h|7d|30d|90d|custom  from=YYYY-MM-DD  to=YYYY-MM-DD  project=<uuid>  tz=<IANA zone>
 *   widget=<name>[,<name>]  format=json|csv
 *
 * `from`/`to` without a range mean `custom`; both are local days in `tz`, `to` included.
 * No `tz` means the user's own zone (resolved by `lib/analytics` on the server).
 * No server-only imports here: the page's range picker may validate with it in the browser.
 */
export const DEFAULT_RANGE: RangeKey = "30d";
export const ANALYTICS_FORMATS = ["json", "csv"] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD that exists (no 30 February), or null. */
function dayNumber(value: string): number | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / 86_400_000;
}

/** A calendar date that exists, from 1970 on. */
const isCalendarDay = (value: string) => (dayNumber(value) ?? -1) >= 0;

/**
 * The zone's canonical name as Intl spells it ("europe/zurich" → "Europe/Zurich"), so the days
 * computed here and the database's `at time zone` read the same zone; every canonical name is
 * one Postgres knows, where an alias might not be.
 */
export function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
}

const localDay = (field: string) => z.string().refine(isCalendarDay, { message: "localDayInvalid", params: { field } });

const widgetList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.enum(WIDGETS, { error: "widgetsInvalid" }))
      .min(1, "widgetRequired")
      .max(WIDGETS.length),
  )
  .transform((names) => [...new Set(names)]);

export const analyticsParamsSchema = z
  .object({
    range: z.enum(RANGE_KEYS, { error: "rangeInvalid" }).optional(),
    from: localDay("from").optional(),
    to: localDay("to").optional(),
    project: z.uuid("projectIdInvalid").optional(),
    tz: z
      .string()
      .max(64, "timeZoneTooLong")
      .refine(isTimeZone, "timeZoneUnknown")
      .transform(canonicalTimeZone)
      .optional(),
    widget: widgetList.optional(),
    format: z.enum(ANALYTICS_FORMATS, { error: "formatInvalid" }).default("json"),
  })
  .superRefine((value, ctx) => {
    const custom = value.range === "custom" || (!value.range && (value.from || value.to));
    if (!custom) {
      for (const field of ["from", "to"] as const)
        if (value[field])
          ctx.addIssue({ code: "custom", path: [field], message: "onlyWithCustomRange", params: { field } });
    } else {
      if (!value.from) ctx.addIssue({ code: "custom", path: ["from"], message: "customRangeNeedsFrom" });
      if (!value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "customRangeNeedsTo" });
      if (value.from && value.to && isCalendarDay(value.from) && isCalendarDay(value.to)) {
        const days = dayNumber(value.to)! - dayNumber(value.from)! + 1;
        if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "rangeToBeforeFrom" });
        else if (days > MAX_CUSTOM_DAYS)
          ctx.addIssue({
            code: "custom",
            path: ["to"],
            message: "customRangeTooLong",
            params: { maximum: MAX_CUSTOM_DAYS },
          });
      }
    }
    if (value.format === "csv" && value.widget?.length !== 1)
      ctx.addIssue({
        code: "custom",
        path: ["widget"],
        message: "csvOneWidget",
      });
  })
  .transform(({ range, ...rest }) => ({
    ...rest,
    range: (range ?? (rest.from || rest.to ? "custom" : DEFAULT_RANGE)) as RangeKey,
  }));

export type AnalyticsParams = z.output<typeof analyticsParamsSchema>;

/** What a page's or a request's search params look like before parsing. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Search params as one string per key (a page's `searchParams` may repeat a key; the first wins). */
export function searchParamsObject(input: SearchParamsInput): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = input instanceof URLSearchParams ? [...input] : Object.entries(input);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(key in out)) out[key] = first;
  }
  return out;
}

/** The widgets a query asks for: every widget when it names none. */
export function requestedWidgets(params: Pick<AnalyticsParams, "widget">): WidgetName[] {
  return params.widget ?? [...WIDGETS];
}

/**
 * Parsed params → the resolved query (UTC instants and local days). `timeZone` is the zone to
 * use when the params name none (the user's; see `analyticsQueryFor` in lib/analytics).
 */
export function toAnalyticsQuery(params: AnalyticsParams, timeZone: string, now?: Date): AnalyticsQuery {
  return resolveRange({
    range: params.range,
    from: params.from,
    to: params.to,
    timeZone: params.tz ?? timeZone,
    projectId: params.project ?? null,
    now,
  });
}

/**
 * The search params that reproduce a query: the page's links, the PDF link and a report's
 * stored query write them, `analyticsParamsSchema` reads them back.
 */
export function analyticsSearchParams(params: Partial<AnalyticsParams>): URLSearchParams {
  const out = new URLSearchParams();
  if (params.range) out.set("range", params.range);
  if (params.range === "custom" || (!params.range && (params.from || params.to))) {
    if (params.from) out.set("from", params.from);
    if (params.to) out.set("to", params.to);
  }
  if (params.project) out.set("project", params.project);
  if (params.tz) out.set("tz", params.tz);
  if (params.widget?.length) out.set("widget", params.widget.join(","));
  if (params.format && params.format !== "json") out.set("format", params.format);
  return out;
}

/** Parses a page's or a request's search params; `success: false` carries zod's issues. */
export function parseAnalyticsParams(input: SearchParamsInput) {
  return analyticsParamsSchema.safeParse(searchParamsObject(input));
}
