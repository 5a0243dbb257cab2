import { describe, expect, it } from "vitest";
import type { Analytics, HeatCounts } from "@/lib/analytics/types";
import { resolveRange } from "@/lib/analytics/range";
import { renderAnalyticsPdf } from "@/lib/reports/pdf";
import { pdfText, pdfTitle } from "../../fixtures/pdf-text";

const heat = (cold: number, warm: number, hot: number, burning: number): HeatCounts => ({ cold, warm, hot, burning });
const steps = (n: number) => ({
  created: n,
  budget: n - 1,
  authority: n - 2,
  need: n - 2,
  timeline: n - 3,
  qualified: n - 4,
  meetingScheduled: n - 5,
  meetingHeld: n - 6,
  won: 1,
});
const meetingStats = { qualified: 5, booked: 4, held: 3, noShow: 1, canceled: 0, fromAgentLink: 2, bookedOtherwise: 2 };
const conversationStats = {
  inbound: 12,
  outbound: 9,
  firstResponseAi: 95,
  firstResponseHuman: 4000,
  takeoverRate: 0.25,
};

/** A full dashboard over `days` days, with `agents` agent rows and `members` team rows. */
function sample(days: number, agents: number, members: number): Analytics {
  const q = resolveRange({
    range: "custom",
    from: "2026-01-01",
    to: `2026-01-${String(days).padStart(2, "0")}`,
    timeZone: "Europe/Zurich",
  });
  return {
    range: {
      key: q.range,
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      previousFrom: q.previousFrom.toISOString(),
      previousTo: q.previousTo.toISOString(),
      timeZone: q.timeZone,
      projectId: null,
      days: q.days,
    },
    generatedAt: "2026-02-01T08:00:00.000Z",
    heat: { now: heat(10, 6, 3, 1), atStart: heat(12, 4, 2, 0) },
    pipeline: { current: steps(20), previous: steps(15) },
    progression: {
      days: q.days.map((day, i) => ({ day, ...heat(10 + i, 5, i % 4, 1) })),
      medianSecondsToHot: { current: 3 * 86400, previous: null },
    },
    meetings: { current: meetingStats, previous: meetingStats },
    conversations: {
      current: conversationStats,
      previous: { ...conversationStats, takeoverRate: null },
      days: q.days.map((day, i) => ({ day, inbound: { sms: i, whatsapp: 2 }, outbound: { sms: i % 3 } })),
      status: { open: 4, pending: 2, closed: 7 },
    },
    agents: {
      rows: Array.from({ length: agents }, (_, i) => ({
        agentId: `a${i}`,
        name: `Agent ${i}`,
        drafts: 10,
        approved: 7,
        edited: 2,
        rejected: 1,
        approvalRate: 0.875,
        avgEditDistance: 12.5,
        meetingsBooked: 1,
        leadsQualified: 2,
      })),
    },
    team: {
      rows: Array.from({ length: members }, (_, i) => ({
        userId: `u${i}`,
        name: `Member ${i}`,
        leads: { ...heat(1, 2, 3, 4), total: 10 },
        repliesSent: 5,
        meetingsHeld: 1,
      })),
    },
  };
}

const meta = {
  orgName: "Acme Solar",
  generatedAt: new Date("2026-02-01T08:00:00Z"),
  timeZone: "Europe/Zurich",
  locale: "en",
};

describe("renderAnalyticsPdf", () => {
  it("writes a PDF whose title metadata names the organization and the period", async () => {
    const pdf = await renderAnalyticsPdf(sample(7, 2, 3), meta);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The info dictionary is not compressed: the title is readable in the compressed file too.
    expect(pdfTitle(pdf)).toBe("Acme Solar: dashboard report Jan 1, 2026 to Jan 7, 2026");
  });

  it("prints the organization, the range, every widget's title and the previous period as text", async () => {
    const text = pdfText(await renderAnalyticsPdf(sample(7, 2, 3), { ...meta, projectName: "Rooftops" }));
    for (const words of [
      "Acme Solar",
      "Project: Rooftops",
      "Period: Jan 1, 2026 ",
      "Compared with: Dec 25, 2025 ",
      "HEAT distribution",
      "BANT qualification pipeline",
      "Temperature progression",
      "Meeting conversion",
      "Conversations",
      "Agent performance",
      "Team",
      "Member 2",
      "Agent 1",
      "Previous period",
    ])
      expect(text).toContain(words);
  });

  it("breaks long tables over pages and numbers every page", async () => {
    const text = pdfText(await renderAnalyticsPdf(sample(31, 40, 80), meta));
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain("Member 79");
  });

  it("keeps a non-Latin organization name intact in the title metadata", async () => {
    expect(pdfTitle(await renderAnalyticsPdf(sample(7, 0, 0), { ...meta, orgName: "Zürich Sólar 東京" }))).toMatch(
      /^Zürich Sólar 東京: dashboard report /,
    );
  });

  it("says a widget is empty rather than drawing nothing", async () => {
    const text = pdfText(await renderAnalyticsPdf(sample(7, 0, 0), meta, { compress: false }));
    expect(text).toContain("No AI agent drafted anything in this period.");
  });
});
