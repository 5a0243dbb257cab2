import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvFilename, widgetCsv, widgetTable } from "@/lib/analytics/csv";
import { WIDGETS, type Analytics } from "@/lib/analytics/types";

const heat = (cold: number, warm: number, hot: number, burning: number) => ({ cold, warm, hot, burning });
const stats = (n: number) => ({
  inbound: n,
  outbound: n + 1,
  firstResponseAi: n ? 60 * n : null,
  firstResponseHuman: 3600,
  takeoverRate: n ? 0.25 : null,
});

const analytics: Analytics = {
  range: {
    key: "7d",
    from: "2026-06-08T22:00:00.000Z",
    to: "2026-06-15T10:00:00.000Z",
    previousFrom: "2026-06-01T22:00:00.000Z",
    previousTo: "2026-06-08T10:00:00.000Z",
    timeZone: "Europe/Zurich",
    projectId: null,
    days: ["2026-06-09", "2026-06-10"],
  },
  generatedAt: "2026-06-15T10:00:00.000Z",
  heat: { now: heat(5, 3, 2, 1), atStart: heat(7, 2, 1, 0) },
  pipeline: {
    current: {
      created: 10,
      budget: 6,
      authority: 5,
      need: 7,
      timeline: 4,
      qualified: 3,
      meetingScheduled: 2,
      meetingHeld: 1,
      won: 1,
    },
    previous: {
      created: 8,
      budget: 4,
      authority: 4,
      need: 4,
      timeline: 2,
      qualified: 2,
      meetingScheduled: 1,
      meetingHeld: 0,
      won: 0,
    },
  },
  progression: {
    days: [
      { day: "2026-06-09", ...heat(6, 3, 1, 0) },
      { day: "2026-06-10", ...heat(5, 3, 2, 1) },
    ],
    medianSecondsToHot: { current: 86_400, previous: null },
  },
  meetings: {
    current: { qualified: 3, booked: 2, held: 1, noShow: 1, canceled: 0, fromAgentLink: 1, bookedOtherwise: 1 },
    previous: { qualified: 1, booked: 1, held: 1, noShow: 0, canceled: 0, fromAgentLink: 0, bookedOtherwise: 1 },
  },
  conversations: {
    current: stats(4),
    previous: stats(0),
    days: [
      { day: "2026-06-09", inbound: { sms: 2, whatsapp: 1 }, outbound: { whatsapp: 3 } },
      { day: "2026-06-10", inbound: {}, outbound: {} },
    ],
    status: { open: 2, pending: 1, closed: 5 },
  },
  agents: {
    rows: [
      {
        agentId: "a1",
        name: '=HYPERLINK("x")',
        drafts: 4,
        approved: 3,
        edited: 1,
        rejected: 1,
        approvalRate: 0.75,
        avgEditDistance: 12.5,
        meetingsBooked: 1,
        leadsQualified: 2,
      },
    ],
  },
  team: {
    rows: [
      {
        userId: "u1",
        name: "Anna, Keller",
        leads: { ...heat(1, 2, 0, 0), total: 3 },
        repliesSent: 4,
        meetingsHeld: 1,
      },
    ],
  },
};

/** CSV text → rows as objects of strings (what a spreadsheet or a script reads back). */
const parse = (text: string) => Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;

describe("widget CSV", () => {
  it.each(WIDGETS)("%s parses back to the same header and cells as its table", (widget) => {
    const table = widgetTable(widget, analytics);
    const parsed = Papa.parse<string[]>(widgetCsv(widget, analytics).trim()).data;
    expect(parsed[0]).toEqual(table.fields);
    expect(parsed.slice(1)).toHaveLength(table.rows.length);
    for (const row of table.rows) expect(row).toHaveLength(table.fields.length);
  });

  it("heat: each level now, at the start of the range and the change", () => {
    expect(parse(widgetCsv("heat", analytics))).toEqual([
      { level: "cold", now: "5", at_start: "7", change: "-2" },
      { level: "warm", now: "3", at_start: "2", change: "1" },
      { level: "hot", now: "2", at_start: "1", change: "1" },
      { level: "burning", now: "1", at_start: "0", change: "1" },
    ]);
  });

  it("pipeline and meetings: the current and the previous period side by side", () => {
    const pipeline = parse(widgetCsv("pipeline", analytics));
    expect(pipeline.map((r) => r.step)).toEqual([
      "created",
      "budget",
      "authority",
      "need",
      "timeline",
      "qualified",
      "meeting_scheduled",
      "meeting_held",
      "won",
    ]);
    expect(pipeline[0]).toEqual({ step: "created", current: "10", previous: "8" });
    expect(parse(widgetCsv("meetings", analytics))).toContainEqual({ metric: "no_show", current: "1", previous: "0" });
  });

  it("progression: one row per day, then the median time to hot with an empty cell for null", () => {
    const rows = parse(widgetCsv("progression", analytics));
    expect(rows[1]).toMatchObject({ section: "day", day: "2026-06-10", cold: "5", hot: "2", burning: "1" });
    expect(rows[2]).toMatchObject({
      section: "summary",
      metric: "median_seconds_to_hot",
      current: "86400",
      previous: "",
    });
  });

  it("conversations: per day and channel, a quiet day as one row of zeros, then the summary and the status", () => {
    const rows = parse(widgetCsv("conversations", analytics));
    expect(rows.filter((r) => r.section === "day")).toEqual([
      expect.objectContaining({ day: "2026-06-09", channel: "sms", inbound: "2", outbound: "0" }),
      expect.objectContaining({ day: "2026-06-09", channel: "whatsapp", inbound: "1", outbound: "3" }),
      expect.objectContaining({ day: "2026-06-10", channel: "", inbound: "0", outbound: "0" }),
    ]);
    expect(rows).toContainEqual(
      expect.objectContaining({ section: "summary", metric: "takeover_rate", current: "0.25", previous: "" }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ section: "status", metric: "closed", current: "5" }));
  });

  it("a name a spreadsheet would run as a formula gets a leading apostrophe; commas are quoted", () => {
    expect(parse(widgetCsv("agents", analytics))[0]).toMatchObject({
      name: '\'=HYPERLINK("x")',
      approval_rate: "0.75",
    });
    expect(parse(widgetCsv("team", analytics))[0]).toEqual({
      user_id: "u1",
      name: "Anna, Keller",
      cold: "1",
      warm: "2",
      hot: "0",
      burning: "0",
      total: "3",
      replies_sent: "4",
      meetings_held: "1",
    });
  });

  it("names the file after the widget, the range and its first and last local day", () => {
    expect(csvFilename("heat", analytics.range)).toBe("kiln-heat-7d-2026-06-09_2026-06-10.csv");
  });
});
