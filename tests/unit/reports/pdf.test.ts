import { describe, expect, it } from "vitest";
import type { Analytics, HeatCounts } from "@/lib/analytics/types";
import { resolveRange } from "@/lib/analytics/range";
import { renderAnalyticsPdf } from "@/lib/reports/pdf";
import he from "@/lib/i18n/messages/he.json";
import { DEFAULT_APP_PREFERENCES } from "@/lib/preferences/schema";
import { pdfText, pdfTextRuns, pdfTitle } from "../../fixtures/pdf-text";

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
    expect(pdfTitle(pdf)).toBe("Acme Solar: dashboard report 01/01/2026 to 01/07/2026");
  });

  it("prints the organization, the range, every widget's title and the previous period as text", async () => {
    const text = pdfText(await renderAnalyticsPdf(sample(7, 2, 3), { ...meta, projectName: "Rooftops" }));
    for (const words of [
      "Acme Solar",
      "Project: Rooftops",
      "Period: 01/01/2026 – 01/07/2026",
      "Compared with: 12/25/2025 – 12/31/2025",
      "Generated 02/01/2026, 09:00 AM (Europe/Zurich)",
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

  it("embeds DejaVu Sans, so the text is no longer limited to Latin-1", async () => {
    const pdf = await renderAnalyticsPdf(
      sample(7, 0, 0),
      { ...meta, orgName: "Zürich Sólar Ελλάς" },
      { compress: false },
    );
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(pdfText(pdf)).toContain("Zürich Sólar Ελλάς");
    expect(pdfText(pdf)).not.toContain("\ufffd");
  });

  it("a German reader with Swiss formats gets 03.12.2026-style dates, 24-hour times and 1'234.5-style numbers", async () => {
    const swiss = {
      ...DEFAULT_APP_PREFERENCES.data,
      dateFormat: "dd.MM.yyyy" as const,
      numberLocale: "de-CH" as const,
      hourCycle: "h23" as const,
    };
    const analytics = sample(7, 1, 0);
    analytics.heat.now.cold = 1234;
    analytics.agents.rows[0]!.avgEditDistance = 1234.5;
    const text = pdfText(await renderAnalyticsPdf(analytics, { ...meta, locale: "de", data: swiss }));
    for (const words of [
      "Zeitraum: 01.01.2026 – 07.01.2026",
      "Verglichen mit: 25.12.2025 – 31.12.2025",
      "Erstellt am 01.02.2026, 09:00 (Europe/Zurich)",
      "1'234",
      "1'234.5",
      "87.5%",
    ])
      expect(text).toContain(words);
    expect(text).not.toMatch(/1[.,]234/);
  });

  it("a Hebrew report is drawn right to left: Hebrew in visual order, Latin and numbers as written, columns from the right", async () => {
    const analytics = sample(7, 1, 1);
    analytics.team.rows[0]!.name = "דנה כהן (Dana)";
    const pdf = await renderAnalyticsPdf(analytics, { ...meta, locale: "he", orgName: "Acme Solar" });
    const visual = (text: string) => [...text].reverse().join("");
    const text = pdfText(pdf);
    for (const words of [
      visual(he.reports.pdf.title),
      visual(he.reports.pdf.agents.title),
      "Acme Solar",
      // "תקופה: 01.01.2026 – 07.01.2026" drawn from the right: each date keeps its digits' order.
      `07.01.2026 – 01.01.2026 ${visual("תקופה:")}`,
      `(Dana) ${visual("דנה כהן")}`,
    ])
      expect(text).toContain(words);
    expect(text).not.toContain("\ufffd");
    // The HEAT table's first column ("Level") is at the right, its numbers to the left of it.
    const runs = pdfTextRuns(pdf);
    const x = (label: string) => runs.find((r) => r.text === visual(label))!.x;
    expect(x(he.reports.pdf.heat.level)).toBeGreaterThan(x(he.reports.pdf.heat.now));
    const english = pdfTextRuns(await renderAnalyticsPdf(analytics, meta));
    const at = (label: string) => english.find((r) => r.text === label)!.x;
    expect(at("Level")).toBeLessThan(at("Now"));
  });

  it("keeps a Hebrew name readable inside an English report", async () => {
    const text = pdfText(await renderAnalyticsPdf(sample(7, 0, 0), { ...meta, orgName: "קרן Solar" }));
    expect(text).toContain(`${[..."קרן"].reverse().join("")} Solar`);
  });
});
