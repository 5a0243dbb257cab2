import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SignalInput } from "@/lib/scoring";
import { replay } from "./fixtures";

/** lib/scoring/README.md walks through this lead step by step; the engine must say exactly what it says. */
const readme = readFileSync(new URL("../../../lib/scoring/README.md", import.meta.url), "utf8");

const steps: [SignalInput, Date][] = [
  [{ type: "outbound_message", at: "2026-03-02T09:00:00Z" }, new Date("2026-03-02T09:00:00Z")],
  [{ type: "inbound_reply", at: "2026-03-02T09:25:00Z" }, new Date("2026-03-02T09:25:00Z")],
  [
    {
      type: "bant_update",
      dimension: "budget",
      status: "confirmed",
      value: "CHF 20k",
      evidence: { kind: "quote", text: "we have about CHF 20k set aside for this", ref: "msg_8f2c" },
    },
    new Date("2026-03-02T09:30:00Z"),
  ],
  [
    {
      type: "meeting_booked",
      at: "2026-03-02T11:00:00Z",
      meetingId: "cal_71d",
      startsAt: "2026-03-05T14:00:00Z",
      source: "Calendly",
    },
    new Date("2026-03-02T11:00:00Z"),
  ],
  [{ type: "meeting_held", at: "2026-03-05T15:00:00Z", meetingId: "cal_71d" }, new Date("2026-03-05T15:00:00Z")],
  [{ type: "decay", at: "2026-03-14T15:00:00Z" }, new Date("2026-03-14T15:00:00Z")],
  [{ type: "decay", at: "2026-03-19T15:00:00Z" }, new Date("2026-03-19T15:00:00Z")],
];

const expected: [summary: string, explanation: string[]][] = [
  ["Heat 0 (unchanged); stays cold", ["Message sent to the lead: nothing changed"]],
  [
    "Heat 0 → 30 (+30): cold → warm",
    ["Last reply less than an hour ago, within 24 hours (+20)", "Answered our last message in 25 minutes (+10)"],
  ],
  [
    "Heat 30 → 42 (+12); stays warm",
    ['Budget confirmed (CHF 20k): "we have about CHF 20k set aside for this" (+12)', "BANT 0 → 30 of 100 (+30 BANT)"],
  ],
  ["Heat 42 → 67 (+25): warm → hot", ["Meeting booked via Calendly for 2026-03-05 14:00 UTC (+25)"]],
  ["Heat 67 → 68 (+1); stays hot", ["Last reply 3 days ago, within 7 days (−14)", "Meeting held on 2026-03-05 (+15)"]],
  [
    "Heat 68 → 55 (−13); stays hot",
    [
      "Last reply 12 days ago (−6)",
      "No contact for 9 days (−12)",
      "Meeting held on 2026-03-05: kept at least hot until 2026-03-19 14:00 UTC (+5)",
    ],
  ],
  [
    "Heat 55 → 40 (−15): hot → warm",
    [
      "No contact for 14 days (−10)",
      "14 days have passed since the meeting held on 2026-03-05: no longer kept at least hot (−5)",
    ],
  ],
];

describe("the README's worked example", () => {
  const { results, last } = replay(steps);

  it.each(expected.map((e, i) => [i + 1, ...e] as const))("step %i: %s", (step, summary, explanation) => {
    const r = results[step - 1]!;
    expect(r.summary).toBe(summary);
    expect(r.explanation).toEqual(explanation);
    for (const line of [summary, ...explanation]) expect(readme).toContain(line);
  });

  it("ends with the breakdown the README shows", () => {
    expect(last.heat).toEqual({ level: "warm", score: 40, override: null });
    const shown = last.contributions.filter((c) => c.points !== 0).map((c) => [c.signal, c.points, c.detail]);
    expect(shown).toEqual([
      ["bant.budget", 12, 'Budget confirmed (CHF 20k): "we have about CHF 20k set aside for this"'],
      ["response_speed", 10, "Answered our last message in 25 minutes"],
      ["meeting_booked", 25, "Meeting booked and held"],
      ["meeting_held", 15, "Meeting held on 2026-03-05"],
      ["silence", -22, "No contact for 14 days"],
    ]);
    for (const [signal, points, detail] of shown) {
      expect(readme).toContain(`| \`${signal}\` | ${String(points).replace("-", "−")} | ${detail} |`);
    }
  });

  it("documents every weight and threshold the engine uses", () => {
    for (const fragment of [
      "| Budget | 30 | 15 |",
      "| Authority | 25 | 12 |",
      "| Need | 25 | 12 |",
      "| Timeline | 20 | 10 |",
      "| 0–29 | 30–54 | 55–79 | 80–100 |",
      "+20 / +12 / +6",
      "+10 / +5",
      "−2 per day after day 3, at most −50",
      "−10 each",
      "−15 each",
      "caps the score at 29",
      "raises the score to at least 55 (hot)",
      "| at least hot | 3 days after its start,",
      "| at least hot | 14 days after the meeting's start |",
    ]) {
      expect(readme).toContain(fragment);
    }
  });
});

/** The README's second example: the floors a meeting sets, replayed the same way. */
const coldLeadSteps: [SignalInput, Date][] = [
  [
    {
      type: "meeting_booked",
      at: "2026-03-02T10:00:00Z",
      meetingId: "cal_9b4",
      startsAt: "2026-03-06T10:00:00Z",
      source: "Calendly",
    },
    new Date("2026-03-02T10:00:00Z"),
  ],
  [{ type: "decay", at: "2026-03-05T10:00:00Z" }, new Date("2026-03-05T10:00:00Z")],
  [{ type: "meeting_no_show", at: "2026-03-06T10:30:00Z", meetingId: "cal_9b4" }, new Date("2026-03-06T10:30:00Z")],
];

const coldLeadExpected: [summary: string, explanation: string[]][] = [
  [
    "Heat 0 → 55 (+55): cold → hot",
    [
      "Meeting booked via Calendly for 2026-03-06 10:00 UTC (+25)",
      "Meeting coming up on 2026-03-06 10:00 UTC: kept at least hot until it takes place (+30)",
    ],
  ],
  ["Heat 55 (unchanged); stays hot", ["Daily re-evaluation: nothing changed"]],
  [
    "Heat 55 → 0 (−55): hot → cold",
    [
      "No meeting on the books (−25)",
      "1 missed meeting (no-show) (−15)",
      "No contact for 4 days (−2)",
      "Heat cannot go below 0 (+17)",
      "Meeting on 2026-03-06 no longer keeps the lead at least hot (−30)",
    ],
  ],
];

describe("the README's second example: a cold lead books, then misses the meeting", () => {
  const { results } = replay(coldLeadSteps);

  it.each(coldLeadExpected.map((e, i) => [i + 1, ...e] as const))("step %i: %s", (step, summary, explanation) => {
    const r = results[step - 1]!;
    expect(r.summary).toBe(summary);
    expect(r.explanation).toEqual(explanation);
    for (const line of [summary, ...explanation]) expect(readme).toContain(line);
  });
});
