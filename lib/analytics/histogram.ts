/**
 * Medians from the rollups' log-scale histograms. A median cannot be summed across hourly
 * buckets, but bin counts can: the rollups keep { bin, n } and the median is read back here.
 */
export type Bin = { bin: number; n: number };

/**
 * The (lower) median of a histogram: the value of rank ceil(N / 2), placed by linear
 * interpolation inside its bin, so within one bin width of the exact lower median. The lower
 * median because the mean of the two middle values cannot be rebuilt from bins. Null when empty.
 * `edge(b)` is the lower edge of bin b in seconds, the inverse of the migration's bin formula.
 */
export function medianFromHistogram(bins: Bin[], edge: (bin: number) => number): number | null {
  const sorted = bins.filter((b) => b.n > 0).sort((a, b) => a.bin - b.bin);
  const total = sorted.reduce((sum, b) => sum + b.n, 0);
  if (!total) return null;
  const rank = Math.ceil(total / 2);
  let below = 0;
  for (const { bin, n } of sorted) {
    if (below + n >= rank) {
      const lo = edge(bin);
      return lo + ((rank - below - 0.5) / n) * (edge(bin + 1) - lo);
    }
    below += n;
  }
  return null;
}
