import { describe, expect, it } from "vitest";
import { defaultLayout, layoutToSave, placeWidgets, sameLayout, sortByPosition } from "@/components/dashboard/layout";
import { analyticsQueryOf, viewFromParams } from "@/components/dashboard/view";
import { WIDGET_SIZES } from "@/components/dashboard/widgets/registry";
import { WIDGETS } from "@/lib/analytics/types";
import { DEFAULT_VISIBILITY, layoutSchema, type LayoutItem } from "@/lib/dashboard/schema";

const positions = (items: readonly LayoutItem[]) => items.map(({ i, x, y, w, h }) => ({ i, x, y, w, h }));

describe("dashboard layout", () => {
  it("the default layout holds every widget at its default size, inside the grid, without overlaps", () => {
    const layout = defaultLayout();
    expect(layout.map((item) => item.i).sort()).toEqual([...WIDGETS].sort());
    expect(layoutSchema.safeParse(layout).success).toBe(true);
    for (const item of layout)
      expect({ w: item.w, h: item.h }).toEqual({ w: WIDGET_SIZES[item.i].w, h: WIDGET_SIZES[item.i].h });
    for (const a of layout)
      for (const b of layout)
        if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
  });

  it("an empty saved layout places the default; a saved one keeps its positions", () => {
    expect(positions(placeWidgets([], DEFAULT_VISIBILITY))).toEqual(positions(sortByPosition(defaultLayout())));
    const saved = sortByPosition(
      defaultLayout().map((item) => (item.i === "team" ? { ...item, y: 0 } : { ...item, y: item.y + 8 })),
    );
    const placed = placeWidgets(saved, DEFAULT_VISIBILITY);
    expect(placed[0]).toMatchObject({ i: "team", x: 0, y: 0, w: 12 });
    expect(positions(placed)).toEqual(positions(saved));
  });

  it("hidden widgets are left out and the rest close the gap upwards", () => {
    const placed = placeWidgets([], { ...DEFAULT_VISIBILITY, heat: false, pipeline: false });
    expect(placed.map((item) => item.i)).not.toContain("heat");
    expect(Math.min(...placed.map((item) => item.y))).toBe(0);
  });

  it("a widget the saved layout does not know yet goes below the others", () => {
    const saved = defaultLayout().filter((item) => item.i !== "agents");
    const placed = placeWidgets(saved, DEFAULT_VISIBILITY);
    const agents = placed.find((item) => item.i === "agents")!;
    const others = placed.filter((item) => item.i !== "agents");
    expect(agents.y).toBeGreaterThanOrEqual(Math.min(...others.map((item) => item.y + item.h)));
  });

  it("a widget smaller than its minimum grows to it", () => {
    const placed = placeWidgets([{ i: "team", x: 0, y: 0, w: 1, h: 1 }], DEFAULT_VISIBILITY);
    expect(placed.find((item) => item.i === "team")).toMatchObject({
      w: WIDGET_SIZES.team.minW,
      h: WIDGET_SIZES.team.minH,
    });
  });

  it("saving after a move keeps a hidden widget's place, and a move back to the same place is no change", () => {
    const visibility = { ...DEFAULT_VISIBILITY, agents: false };
    const before = defaultLayout();
    const grid = placeWidgets(before, visibility).map((item) => (item.i === "heat" ? { ...item, x: 8, y: 0 } : item));
    const saved = layoutToSave(grid, before, visibility);
    expect(saved.find((item) => item.i === "agents")).toEqual(before.find((item) => item.i === "agents"));
    expect(saved.find((item) => item.i === "heat")).toMatchObject({ x: 8, y: 0 });
    expect(sameLayout(saved, [...saved].reverse())).toBe(true);
    expect(sameLayout(saved, before)).toBe(false);
  });
});

describe("dashboard view from the URL", () => {
  const from = (params: Record<string, string>) => (key: string) => params[key] ?? null;

  it("no range means the user's default range; a custom range needs both days", () => {
    expect(viewFromParams(from({}), "7d")).toEqual({ range: "7d", from: null, to: null, projectId: null });
    expect(viewFromParams(from({ range: "custom", from: "2026-01-01" }), "7d").range).toBe("7d");
    expect(viewFromParams(from({ from: "2026-01-01", to: "2026-01-31", project: "p" }), "7d")).toEqual({
      range: "custom",
      from: "2026-01-01",
      to: "2026-01-31",
      projectId: "p",
    });
    expect(viewFromParams(from({ range: "forever" }), "90d").range).toBe("90d");
  });

  it("the same view always gives the same analytics query (the widgets' cache key)", () => {
    expect(analyticsQueryOf({ range: "30d", from: null, to: null, projectId: "p1" })).toBe("range=30d&project=p1");
    expect(analyticsQueryOf({ range: "custom", from: "2026-01-01", to: "2026-01-02", projectId: null })).toBe(
      "range=custom&from=2026-01-01&to=2026-01-02",
    );
  });
});
