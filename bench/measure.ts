/** Timing shared by the benchmarks: per-op milliseconds, and variants sampled interleaved. */
export type Stats = { median: number; p95: number; mean: number; min: number; n: number };

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    median: at(0.5),
    p95: at(0.95),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0]!,
    n: sorted.length,
  };
}

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Warms every variant up, then runs each `n` times, rotating which goes first in each
 * round so none always runs on a warmer cache. Returns one Stats per variant, in order.
 */
export async function sampleInterleaved(
  variants: (() => Promise<unknown>)[],
  n: number,
  warmup: number,
): Promise<Stats[]> {
  const samples: number[][] = variants.map(() => []);
  for (let i = 0; i < warmup; i++) for (const variant of variants) await variant();
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      samples[v]!.push(await time(variants[v]!));
    }
  }
  return samples.map(stats);
}
