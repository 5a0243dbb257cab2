/**
 * Rate limits kept in Postgres (`public.rate_limit_counters`, counted by
 * `private.rate_limit_hit`), so they hold across restarts and for any number of app
 * instances. A limit is a scope (what is limited, e.g. "sign-in failures per client
 * address") with a window and a maximum; a key says whose count it is (an address, a
 * user id, an organization id, an email's hash). Windows slide: the previous fixed
 * window's count is weighed in by how much of it still overlaps, so a burst at a
 * window's edge does not get twice the allowance.
 */
import "server-only";
import { createHash } from "node:crypto";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { tooManyRequests } from "./errors";

export type Limit = {
  /** Stable name stored with the counters, e.g. "sign-in:ip". */
  scope: string;
  windowSeconds: number;
  max: number;
  /** Shown to the person refused, with the wait: a key of the `problems` catalogue namespace. */
  message: string;
};

export type LimitHit = { limit: Limit; key: string };

export const defineLimit = (limit: Limit): Limit => limit;

/** Keys that are personal data (email addresses) are stored as hashes. */
export const hashedKey = (value: string) =>
  createHash("sha256").update(value.trim().toLowerCase(), "utf8").digest("base64url");

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: Limit };

async function hit(
  tx: Tx,
  { limit, key }: LimitHit,
  cost: number,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { rows } = await tx.query<{ allowed: boolean; retry_after_seconds: number }>(
    "select allowed, retry_after_seconds from private.rate_limit_hit($1, $2, $3, $4, $5)",
    [limit.scope, key.slice(0, 200), limit.windowSeconds, limit.max, cost],
  );
  return { allowed: rows[0]!.allowed, retryAfterSeconds: Number(rows[0]!.retry_after_seconds) };
}

/**
 * Counts one request against every given limit, all or none: if any of them is used up
 * nothing is counted (a refused request does not eat into the others) and the answer
 * names the limit and the wait.
 */
export async function consume(hits: LimitHit[]): Promise<LimitOutcome> {
  return withService(async (tx) => {
    for (const one of hits) {
      const outcome = await hit(tx, one, 1);
      if (!outcome.allowed) {
        // Undo the ones already counted in this transaction by rolling it back.
        throw new Refused(one.limit, outcome.retryAfterSeconds);
      }
    }
    return { allowed: true as const };
  }).catch((error: unknown) => {
    if (error instanceof Refused)
      return { allowed: false as const, retryAfterSeconds: error.retryAfterSeconds, limit: error.limit };
    throw error;
  });
}

class Refused extends Error {
  constructor(
    readonly limit: Limit,
    readonly retryAfterSeconds: number,
  ) {
    super(limit.message);
  }
}

/** How much of one limit is left after a request: for the RateLimit header fields. */
export type LimitStatus = { limit: Limit; remaining: number; resetSeconds: number };

export type MeteredOutcome =
  | { allowed: true; statuses: LimitStatus[] }
  | { allowed: false; retryAfterSeconds: number; limit: Limit; statuses: LimitStatus[] };

/**
 * Like consume, and also says how much of each limit is left (the sliding-window count as
 * private.rate_limit_hit weighs it) and when the current window ends, for APIs that
 * announce their limits (the public API's RateLimit / RateLimit-Policy headers).
 */
export async function consumeMetered(hits: LimitHit[]): Promise<MeteredOutcome> {
  const outcome = await consume(hits);
  const statuses = await withService((tx) => Promise.all(hits.map((one) => status(tx, one))));
  if (!outcome.allowed) {
    const refused = statuses.map((s) =>
      s.limit === outcome.limit ? { ...s, remaining: 0, resetSeconds: Math.ceil(outcome.retryAfterSeconds) } : s,
    );
    return { ...outcome, statuses: refused };
  }
  return { allowed: true, statuses };
}

async function status(tx: Tx, { limit, key }: LimitHit): Promise<LimitStatus> {
  const { rows } = await tx.query<{ current: number; previous: number; elapsed: number }>(
    `with w as (
       select to_timestamp(floor(extract(epoch from now()) / $3) * $3) as cur,
              (extract(epoch from now()) - floor(extract(epoch from now()) / $3) * $3) / $3 as elapsed)
     select (select coalesce(sum(c.hits), 0) from public.rate_limit_counters c
              where c.scope = $1 and c.key = $2 and c.window_start = w.cur)::int as current,
            (select coalesce(sum(c.hits), 0) from public.rate_limit_counters c
              where c.scope = $1 and c.key = $2 and c.window_start = w.cur - make_interval(secs => $3))::int as previous,
            w.elapsed::float8 as elapsed
       from w`,
    [limit.scope, key.slice(0, 200), limit.windowSeconds],
  );
  const { current, previous, elapsed } = rows[0]!;
  const used = current + previous * (1 - Number(elapsed));
  return {
    limit,
    remaining: Math.max(0, Math.floor(limit.max - used)),
    resetSeconds: Math.max(1, Math.ceil((1 - Number(elapsed)) * limit.windowSeconds)),
  };
}

/** Like consume, but refuses with a 429 problem (with Retry-After) when a limit is used up. */
export async function enforce(hits: LimitHit[]): Promise<void> {
  const outcome = await consume(hits);
  if (!outcome.allowed) throw tooManyRequests(outcome.retryAfterSeconds, outcome.limit.message);
}

/**
 * Gives back a counted request, for limits that count only failures: the request is
 * counted before the outcome is known (so a parallel burst cannot slip past the check)
 * and returned when it succeeded.
 */
export async function refund(hits: LimitHit[]): Promise<void> {
  await withService(async (tx) => {
    for (const { limit, key } of hits) {
      await tx.query(
        `update public.rate_limit_counters set hits = hits - 1
          where scope = $1 and key = $2 and hits > 0
            and window_start = (select max(window_start) from public.rate_limit_counters where scope = $1 and key = $2)`,
        [limit.scope, key.slice(0, 200)],
      );
    }
  });
}

/** Forgets every count of one key in a scope (e.g. an account's failures after a password reset). */
export async function resetLimit(tx: Tx, hitToClear: LimitHit): Promise<void> {
  await tx.query("delete from public.rate_limit_counters where scope = $1 and key = $2", [
    hitToClear.limit.scope,
    hitToClear.key.slice(0, 200),
  ]);
}

/** Drops counters no window can still see (the longest window is a day). For the daily prune job. */
export async function pruneRateLimitCounters(tx: Tx): Promise<number> {
  const { rowCount } = await tx.query(
    "delete from public.rate_limit_counters where window_start < now() - interval '2 days'",
  );
  return rowCount;
}

// ---------------------------------------------------------------------------------------
// Who is asking.

/** The key of a client whose address cannot be known (see clientAddress). */
export const UNKNOWN_CLIENT = "unknown-client";

/**
 * The client's address, for per-address limits and the loopback check.
 *
 * Next.js passes the socket's peer address to route handlers only as `X-Forwarded-For`,
 * and only when the request did not bring its own: a header sent by the client is kept
 * as it is. So the header is trusted only as far as KILN_TRUSTED_PROXIES says: with N
 * reverse proxies in front, each appending the address it saw, the client is the Nth
 * entry from the right (entries further left were written by the client and are ignored).
 * With no proxies configured, a lone entry is the peer as Next recorded it — unless the
 * client wrote it; a list is certainly client-written and gives the fixed UNKNOWN_CLIENT key.
 */
export function clientAddress(request: Request, trustedProxies = env().KILN_TRUSTED_PROXIES): string {
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return UNKNOWN_CLIENT;
  if (trustedProxies === 0)
    return entries.length === 1 && isIpAddress(entries[0]!) ? normalizeAddress(entries[0]!) : UNKNOWN_CLIENT;
  // Fewer entries than proxies: the request skipped a proxy; the leftmost is the best we know.
  const entry = entries[Math.max(0, entries.length - trustedProxies)]!;
  return isIpAddress(entry) ? normalizeAddress(entry) : UNKNOWN_CLIENT;
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;
const isIpAddress = (value: string) => IPV4.test(value) || (value.includes(":") && IPV6.test(value));

/** IPv4-mapped IPv6 (::ffff:127.0.0.1) as plain IPv4, lower case. */
const normalizeAddress = (value: string) => value.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

/** 127.0.0.0/8 or ::1. */
export const isLoopback = (address: string) => address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);
