/**
 * A bulk send's pace: how many messages one step queues and how long until the next, so a
 * run never goes faster than its rate per minute. Steps of ten seconds for rates of six a
 * minute and more, one message per step below that.
 */
export function stepPlan(ratePerMinute: number): { batch: number; delaySeconds: number } {
  const rate = Math.max(1, Math.floor(ratePerMinute));
  if (rate >= 6) return { batch: Math.floor(rate / 6), delaySeconds: 10 };
  return { batch: 1, delaySeconds: Math.ceil(60 / rate) };
}
