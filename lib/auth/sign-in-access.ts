import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Disabling and enabling a person's sign-in (the platform admin console). Runs as the
 * service role. The flag is auth.users.banned_until, which both auth backends honour:
 * - built-in auth refuses a banned account at sign-in (lib/auth/local.ts), and its
 *   user_sessions rows are revoked here, so the cookie stops working at once;
 * - Supabase Auth refuses sign-in and token refresh for a banned user by itself.
 * Access tokens issued before the ban stay valid until they expire, so every request also
 * checks private.sign_in_disabled() when it loads its session (lib/auth/session.ts): with
 * either backend a disabled person is signed out on their next request.
 */
export async function setSignInDisabled(
  tx: Tx,
  userId: string,
  disabled: boolean,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  const { rows } = await tx.query<{ was_disabled: boolean }>(
    "select coalesce(banned_until > now(), false) as was_disabled from auth.users where id = $1 for update",
    [userId],
  );
  if (!rows[0]) return { changed: false, sessionsEnded: 0 };
  await tx.query(
    "update auth.users set banned_until = case when $2 then 'infinity'::timestamptz end, updated_at = now() where id = $1",
    [userId, disabled],
  );
  let sessionsEnded = 0;
  if (disabled) {
    const revoked = await tx.query(
      "update public.user_sessions set revoked_at = now() where user_id = $1 and revoked_at is null",
      [userId],
    );
    sessionsEnded = revoked.rowCount;
  }
  return { changed: rows[0].was_disabled !== disabled, sessionsEnded };
}
