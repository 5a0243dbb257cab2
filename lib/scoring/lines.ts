import { z } from "zod";

/**
 * One explanation line as the engine states it: a message key under `heatLines`
 * (lib/i18n/messages/*.json) and its parameters — numbers, ISO timestamps, durations in seconds,
 * dimension and level names, and text typed by a person (an override's reason, a quote). Never a
 * sentence: `renderHeatLine` (render.ts) words it in the reader's language at read time.
 */
export type HeatLineParams = { [name: string]: string | number | boolean | null | string[] | HeatLine };
export type HeatLine = { key: string; params: HeatLineParams };

export const heatLineSchema: z.ZodType<HeatLine> = z.lazy(() =>
  z.object({
    key: z.string().min(1).max(64),
    params: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), heatLineSchema]),
    ),
  }),
);

export const heatLine = (key: string, params: HeatLineParams = {}): HeatLine => ({ key, params });

/** A line stored as an English sentence before lines had keys: shown as written. */
export const legacyHeatLine = (text: string): HeatLine => heatLine("legacy", { text });

/** The same line with the heat points it moved ("(+25)", "(−12)") appended when rendered. */
export const withPoints = (line: HeatLine, points: number): HeatLine => ({
  key: line.key,
  params: { ...line.params, points },
});
