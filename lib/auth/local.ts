/**
 * Built-in email + password auth, used when Supabase Auth is not configured. Users live
 * in auth.users exactly as Supabase keeps them, so a later move to Supabase keeps them.
 *
 * Everything here runs before a request has a verified user, so it uses the service
 * role for its own bookkeeping (auth.users, user_sessions, login_attempts) and switches
 * to the user's own claims (actAs) for anything tenant-scoped.
 */
import { actAs, withRls, withService, type Claims, type Tx } from "@/lib/db";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { createOrganization } from "@/lib/orgs/organization";
import { conflict, gone, invalid, tooManyRequests, unauthorized } from "@/lib/http/errors";
import { SESSION_TTL_SECONDS, signSessionToken } from "./jwt";
import { hashPassword, verifyPassword } from "./password";
import type { SignUpInput } from "./schema";
import { hashToken, newLinkToken } from "./tokens";
import { insertAuthUser } from "./users";

export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_MAX_FAILURES = 5;
const RESET_TTL_MINUTES = 60;

export type IssuedSession = { userId: string; sessionId: string; token: string; orgId: string | null };

const claimsFor = (userId: string, email: string): Claims & { sub: string } => ({ sub: userId, email, role: "authenticated" });

async function createSession(tx: Tx, userId: string, orgId: string | null, userAgent: string | null): Promise<string> {
  await actAs(tx, "service_role");
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.user_sessions (user_id, current_org_id, user_agent, expires_at)
     values ($1, $2, left($3, 512), now() + make_interval(secs => $4)) returning id`,
    [userId, orgId, userAgent, SESSION_TTL_SECONDS],
  );
  return rows[0]!.id;
}

/** Creates the user, their profile (trigger), and either a new organization or the invited membership. */
export async function signUp(input: SignUpInput, userAgent: string | null): Promise<IssuedSession> {
  const hash = await hashPassword(input.password);
  const issued = await withService(async (tx) => {
    const existing = await tx.query("select 1 from auth.users where lower(email) = $1", [input.email]);
    if (existing.rows.length) {
      throw conflict("An account with this email already exists.", { email: ["An account with this email already exists. Sign in instead."] });
    }
    const userId = await insertAuthUser(tx, { email: input.email, passwordHash: hash, fullName: input.fullName });

    await actAs(tx, claimsFor(userId, input.email));
    const orgId = input.inviteToken
      ? await acceptInvitation(tx, userId, input.inviteToken)
      : await createOrganization(tx, userId, input.organizationName ?? `${input.fullName}'s team`);
    const sessionId = await createSession(tx, userId, orgId, userAgent);
    return { userId, sessionId, orgId };
  });
  return { ...issued, token: await signSessionToken({ userId: issued.userId, email: input.email, sessionId: issued.sessionId }) };
}

/**
 * Five failed attempts for one email within 15 minutes lock that email out until the
 * oldest of them ages out. Attempts are counted in Postgres, so the limit holds across
 * restarts and app instances; an attempt is recorded before the password is checked,
 * so a burst of parallel guesses is counted too.
 */
export async function signIn(email: string, password: string, userAgent: string | null): Promise<IssuedSession> {
  const attempt = await withService(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext('login:' || $1))", [email]);
    const { rows: recent } = await tx.query<{ created_at: Date }>(
      `select created_at from public.login_attempts
        where email = $1 and not succeeded
          and created_at > now() - make_interval(mins => $2)
          and created_at > coalesce((select max(created_at) from public.login_attempts where email = $1 and succeeded), '-infinity')
        order by created_at desc limit $3`,
      [email, THROTTLE_WINDOW_MINUTES, THROTTLE_MAX_FAILURES],
    );
    if (recent.length >= THROTTLE_MAX_FAILURES) {
      const oldest = recent[recent.length - 1]!.created_at.getTime();
      return { throttled: true as const, retryAfter: (oldest + THROTTLE_WINDOW_MINUTES * 60_000 - Date.now()) / 1000 };
    }
    const user = await tx.query<{ id: string; encrypted_password: string | null; banned: boolean }>(
      `select id, encrypted_password, coalesce(banned_until > now(), false) or deleted_at is not null as banned
         from auth.users where lower(email) = $1 and not is_sso_user`,
      [email],
    );
    const { rows } = await tx.query<{ id: string }>(
      "insert into public.login_attempts (email, succeeded) values ($1, false) returning id",
      [email],
    );
    return { throttled: false as const, attemptId: rows[0]!.id, user: user.rows[0] };
  });
  if (attempt.throttled) {
    throw tooManyRequests(attempt.retryAfter, "Too many failed sign-in attempts. Try again in a few minutes or reset your password.");
  }
  const ok = await verifyPassword(password, attempt.user?.encrypted_password);
  if (!ok || !attempt.user || attempt.user.banned) throw unauthorized("Email or password is incorrect.");

  const userId = attempt.user.id;
  const issued = await withService(async (tx) => {
    await tx.query("update public.login_attempts set succeeded = true where id = $1", [attempt.attemptId]);
    await tx.query("update auth.users set last_sign_in_at = now() where id = $1", [userId]);
    const { rows } = await tx.query<{ org_id: string }>(
      `select m.org_id from public.memberships m join public.organizations o on o.id = m.org_id
        where m.user_id = $1 order by o.name limit 1`,
      [userId],
    );
    return { sessionId: await createSession(tx, userId, rows[0]?.org_id ?? null, userAgent), orgId: rows[0]?.org_id ?? null };
  });
  return { userId, ...issued, token: await signSessionToken({ userId, email, sessionId: issued.sessionId }) };
}

export async function signOut(claims: Claims, sessionId: string): Promise<void> {
  await withRls(claims, (tx) => tx.query("update public.user_sessions set revoked_at = now() where id = $1 and revoked_at is null", [sessionId]));
}

/** Revokes every session of the user, this one included. */
export async function signOutEverywhere(claims: Claims): Promise<number> {
  return withRls(claims, async (tx) => {
    const { rowCount } = await tx.query(
      "update public.user_sessions set revoked_at = now() where user_id = (select auth.uid()) and revoked_at is null",
    );
    return rowCount;
  });
}

/** Changes the password and signs out every other session. */
export async function changePassword(userId: string, currentSessionId: string | null, current: string, next: string): Promise<void> {
  const { rows } = await withService((tx) =>
    tx.query<{ encrypted_password: string | null }>("select encrypted_password from auth.users where id = $1", [userId]),
  );
  if (!(await verifyPassword(current, rows[0]?.encrypted_password))) {
    throw invalid({ currentPassword: ["That is not your current password."] });
  }
  const hash = await hashPassword(next);
  await withService(async (tx) => {
    await tx.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [userId, hash]);
    await tx.query(
      "update public.user_sessions set revoked_at = now() where user_id = $1 and revoked_at is null and id is distinct from $2",
      [userId, currentSessionId],
    );
  });
}

/** Returns the raw token for the link, or null when no such user exists (callers answer the same either way). */
export async function createPasswordReset(email: string): Promise<string | null> {
  const token = newLinkToken();
  const created = await withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>("select id from auth.users where lower(email) = $1", [email]);
    if (!rows[0]) return false;
    await tx.query(
      `insert into public.password_reset_tokens (user_id, token_hash, expires_at)
       values ($1, $2, now() + make_interval(mins => $3))`,
      [rows[0].id, hashToken(token), RESET_TTL_MINUTES],
    );
    await tx.query("update auth.users set recovery_sent_at = now() where id = $1", [rows[0].id]);
    return true;
  });
  return created ? token : null;
}

/** Sets a new password from a reset link (single use) and signs out every session. */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; user_id: string; used_at: Date | null; expired: boolean }>(
      `select id, user_id, used_at, expires_at <= now() as expired
         from public.password_reset_tokens where token_hash = $1 for update`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row || row.used_at || row.expired) throw gone("This reset link is invalid, used or expired. Ask for a new one.");
    await tx.query("update public.password_reset_tokens set used_at = now() where id = $1", [row.id]);
    await tx.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [row.user_id, hash]);
    await tx.query("update public.user_sessions set revoked_at = now() where user_id = $1 and revoked_at is null", [row.user_id]);
  });
}

/** The org switcher: the database refuses an organization the user does not belong to. */
export async function switchOrganization(claims: Claims, sessionId: string, orgId: string): Promise<boolean> {
  return withRls(claims, async (tx) => {
    const member = await tx.query("select 1 from public.memberships where org_id = $1 and user_id = (select auth.uid())", [orgId]);
    if (!member.rows.length) return false;
    const { rowCount } = await tx.query("update public.user_sessions set current_org_id = $2 where id = $1", [sessionId, orgId]);
    return rowCount === 1;
  });
}
