import { describe, expect, it } from "vitest";
import { HOT_BIN_BASE, medianFromBins } from "@/lib/analytics/lead-rollups";

/** The migration's bin of a duration (analytics_heat_history.bin). */
const binOf = (seconds: number) => Math.floor(Math.log(1 + seconds / 60) / Math.log(HOT_BIN_BASE));

function histogram(durations: number[]) {
  const counts = new Map<number, number>();
  for (const s of durations) counts.set(binOf(s), (counts.get(binOf(s)) ?? 0) + 1);
  return [...counts].map(([bin, n]) => ({ bin, n }));
}

describe("median time to hot from the histogram", () => {
  it("is null for no leads", () => {
    expect(medianFromBins([])).toBeNull();
  });

  it("is the lower median (rank ceil(n / 2)) within one bin, 2% of seconds + 60", () => {
    const cases = [[5], [30, 7_200], [60, 3_600, 86_400, 900_000], [1, 2, 3, 4, 5, 6, 7], [10, 1e6, 1e6, 1e6 + 5]];
    for (const durations of cases) {
      const sorted = [...durations].sort((a, b) => a - b);
      const exact = sorted[Math.ceil(sorted.length / 2) - 1]!;
      const median = medianFromBins(histogram(durations))!;
      expect(Math.abs(median - exact)).toBeLessThanOrEqual(0.02 * (exact + 60));
    }
  });
});
