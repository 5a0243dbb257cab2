/** The dashboard's small arithmetic: conversion between funnel steps, changes, durations. Pure. */
import type { ConversationsDay } from "@/lib/analytics/types";

export { PIPELINE_STEPS, funnel, rate, type FunnelRow, type PipelineStep } from "@/lib/analytics/funnel";

/** Direction and size of a change: for "+3 ▲" and its words, never colour alone. */
export function change(now: number, before: number): { delta: number; direction: "up" | "down" | "same" } {
  const delta = now - before;
  return { delta, direction: delta > 0 ? "up" : delta < 0 ? "down" : "same" };
}

/** The largest unit a duration fills at least once: 90 s → 1.5 min, 5,400 s → 1.5 h, 3 days → 3 d. */
export function durationUnit(seconds: number): { value: number; unit: "second" | "minute" | "hour" | "day" } {
  if (seconds >= 86_400) return { value: seconds / 86_400, unit: "day" };
  if (seconds >= 3_600) return { value: seconds / 3_600, unit: "hour" };
  if (seconds >= 60) return { value: seconds / 60, unit: "minute" };
  return { value: seconds, unit: "second" };
}

/**
 * Conversation days flattened for a chart (`inbound:sms`, `outbound:whatsapp`, … per day) and
 * the channels that appear, busiest first, with their totals.
 */
export function conversationDays(days: ConversationsDay[]): {
  channels: { medium: string; inbound: number; outbound: number }[];
  rows: Record<string, string | number>[];
} {
  const totals = new Map<string, { medium: string; inbound: number; outbound: number }>();
  for (const day of days)
    for (const direction of ["inbound", "outbound"] as const)
      for (const [medium, n] of Object.entries(day[direction])) {
        const total = totals.get(medium) ?? { medium, inbound: 0, outbound: 0 };
        total[direction] += n;
        totals.set(medium, total);
      }
  const channels = [...totals.values()].sort(
    (a, b) => b.inbound + b.outbound - (a.inbound + a.outbound) || a.medium.localeCompare(b.medium),
  );
  const rows = days.map((day) => {
    const row: Record<string, string | number> = { day: day.day };
    for (const { medium } of channels) {
      row[`inbound:${medium}`] = day.inbound[medium] ?? 0;
      row[`outbound:${medium}`] = day.outbound[medium] ?? 0;
    }
    return row;
  });
  return { channels, rows };
}

/** Rows sorted by one column; nulls (no data) last in either direction, ties by name. */
export function sortRows<R extends { name: string }>(rows: R[], key: keyof R, direction: "asc" | "desc"): R[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === y) return a.name.localeCompare(b.name);
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y);
    return order * sign || a.name.localeCompare(b.name);
  });
}
