import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Built-in auth's bookkeeping past its use, for the daily prune (lib/jobs/maintenance.ts):
 * sign-in throttling rows after a day, expired sign-up requests, and sessions revoked or
 * expired more than 30 days ago. Runs as the service role.
 */
export async function pruneAuthRecords(
  tx: Tx,
): Promise<{ loginAttempts: number; signUpRequests: number; sessions: number }> {
  const run = async (sql: string) => (await tx.query(sql)).rowCount;
  return {
    loginAttempts: await run("delete from public.login_attempts where created_at < now() - interval '1 day'"),
    signUpRequests: await run("delete from public.sign_up_requests where expires_at < now()"),
    sessions: await run(
      "delete from public.user_sessions where coalesce(revoked_at, expires_at) < now() - interval '30 days'",
    ),
  };
}
