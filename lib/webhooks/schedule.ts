/** When outbound webhook deliveries are tried again, and when the trying stops. Pure. */

/** Retries stop this long after a chain's first attempt was due. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** An endpoint failing (no success) this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 3_600_000;
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 6 * 3600;

/** Seconds to wait after the `attempt`-th failure: 30 s, 1 min, 2 min … doubling, at most 6 h. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_SECONDS);
}
