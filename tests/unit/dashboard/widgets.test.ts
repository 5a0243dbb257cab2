import { describe, expect, it } from "vitest";
import { approvalsHref, conversationsHref, leadsHref, pipelineStepHref } from "@/components/dashboard/widgets/links";
import { change, conversationDays, durationUnit, funnel, rate, sortRows } from "@/components/dashboard/widgets/math";
import { listLeadsQuerySchema } from "@/lib/leads/schema";
import type { Analytics, PipelineSteps } from "@/lib/analytics/types";

const range: Analytics["range"] = {
  key: "30d",
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-12-01T00:00:00.000Z",
  previousFrom: "2026-10-02T00:00:00.000Z",
  previousTo: "2026-11-01T00:00:00.000Z",
  timeZone: "UTC",
  projectId: "7a1f7d0e-5b0c-4a47-9a55-0c2a6b3f2d11",
  days: [],
};
const query = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);
const steps: PipelineSteps = {
  created: 40,
  budget: 20,
  authority: 10,
  need: 30,
  timeline: 8,
  qualified: 5,
  meetingScheduled: 12,
  meetingHeld: 6,
  won: 3,
};

describe("dashboard links", () => {
  it("a heat level opens the lead list filtered by that level in the dashboard's project", () => {
    expect(leadsHref(range, { heat: "hot" })).toBe(`/leads?heat=hot&project=${range.projectId}`);
    expect(leadsHref({ ...range, projectId: null }, { heat: "cold" })).toBe("/leads?heat=cold");
  });

  it("a funnel step opens its cohort (created in the period) with the step's condition", () => {
    expect(query(pipelineStepHref(range, "created"))).toEqual({
      project: range.projectId,
      createdFrom: range.from,
      createdTo: range.to,
    });
    expect(query(pipelineStepHref(range, "need"))).toMatchObject({ confirmed: "need", createdFrom: range.from });
    expect(query(pipelineStepHref(range, "qualified"))).toMatchObject({ qualified: "true" });
    expect(query(pipelineStepHref(range, "meetingScheduled"))).toMatchObject({ meeting: "booked" });
    expect(query(pipelineStepHref(range, "meetingHeld"))).toMatchObject({ meeting: "held" });
    expect(query(pipelineStepHref(range, "won"))).toMatchObject({ status: "won" });
    expect(query(pipelineStepHref(range, "won", "previous"))).toMatchObject({
      createdFrom: range.previousFrom,
      createdTo: range.previousTo,
    });
  });

  it("every lead link the widgets build is a query the lead list accepts", () => {
    const hrefs = [
      ...(["created", "budget", "qualified", "meetingScheduled", "meetingHeld", "won"] as const).map((s) =>
        pipelineStepHref(range, s),
      ),
      leadsHref(range, { qualifiedIn: "current" }),
      leadsHref(range, { meeting: "no_show", meetingIn: "previous" }),
      leadsHref(range, { owner: "2f0c6a8e-8f61-4f3e-9d59-3f3d5a7e0a10", heat: "burning" }),
    ];
    for (const href of hrefs) expect(listLeadsQuerySchema.safeParse(query(href)).success, href).toBe(true);
  });

  it("conversations and agents open the inbox and approvals with their own filters", () => {
    expect(conversationsHref({ status: "pending" })).toBe("/inbox?status=pending");
    expect(approvalsHref("a1", "rejected")).toBe("/approvals?agent=a1&status=rejected");
  });
});

describe("dashboard arithmetic", () => {
  it("a rate is a fraction, or null when there is nothing to divide", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(3, 0)).toBeNull();
  });

  it("each funnel step converts from the step whose leads contain it, so no conversion passes 100 %", () => {
    const rows = funnel(steps);
    expect(rows[0]).toEqual({ step: "created", count: 40, from: null, conversion: null });
    expect(rows.find((r) => r.step === "authority")).toMatchObject({ from: "created", conversion: 0.25 });
    expect(rows.find((r) => r.step === "meetingScheduled")).toMatchObject({ from: "created", conversion: 0.3 });
    expect(rows.find((r) => r.step === "meetingHeld")).toMatchObject({ from: "meetingScheduled", conversion: 0.5 });
    expect(rows.find((r) => r.step === "won")).toMatchObject({ from: "meetingScheduled", conversion: 0.25 });
    expect(funnel({ ...steps, created: 0, budget: 0 })[1]!.conversion).toBeNull();
  });

  it("a change has a direction as well as a size", () => {
    expect(change(5, 3)).toEqual({ delta: 2, direction: "up" });
    expect(change(1, 3)).toEqual({ delta: -2, direction: "down" });
    expect(change(3, 3)).toEqual({ delta: 0, direction: "same" });
  });

  it("a duration reads in the largest unit it fills", () => {
    expect(durationUnit(45)).toEqual({ value: 45, unit: "second" });
    expect(durationUnit(90)).toEqual({ value: 1.5, unit: "minute" });
    expect(durationUnit(5_400)).toEqual({ value: 1.5, unit: "hour" });
    expect(durationUnit(3 * 86_400)).toEqual({ value: 3, unit: "day" });
  });

  it("conversation days flatten per channel and direction, busiest channel first, missing counts as 0", () => {
    const { channels, rows } = conversationDays([
      { day: "2026-11-01", inbound: { sms: 2 }, outbound: { sms: 1, whatsapp: 5 } },
      { day: "2026-11-02", inbound: { whatsapp: 1 }, outbound: {} },
    ]);
    expect(channels).toEqual([
      { medium: "whatsapp", inbound: 1, outbound: 5 },
      { medium: "sms", inbound: 2, outbound: 1 },
    ]);
    expect(rows[1]).toEqual({
      day: "2026-11-02",
      "inbound:whatsapp": 1,
      "outbound:whatsapp": 0,
      "inbound:sms": 0,
      "outbound:sms": 0,
    });
  });

  it("sorting agents puts rows without a value last in either direction", () => {
    const rows = [
      { name: "B", approvalRate: 0.5 },
      { name: "A", approvalRate: null },
      { name: "C", approvalRate: 0.9 },
    ];
    expect(sortRows(rows, "approvalRate", "desc").map((r) => r.name)).toEqual(["C", "B", "A"]);
    expect(sortRows(rows, "approvalRate", "asc").map((r) => r.name)).toEqual(["B", "C", "A"]);
  });
});
