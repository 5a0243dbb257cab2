"use client";

import { useFormatter, useNow } from "next-intl";

/**
 * "5 minutes ago", with the exact time on hover. The first render uses the request's `now`
 * and the reader's zone (lib/i18n/request.ts), so server and browser agree; then it ticks.
 */
export function RelativeTime({ date }: { date: string | Date }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const value = new Date(date);
  return (
    <time dateTime={value.toISOString()} title={format.dateTime(value, { dateStyle: "medium", timeStyle: "short" })}>
      {format.relativeTime(value, now)}
    </time>
  );
}
