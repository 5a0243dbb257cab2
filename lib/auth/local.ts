/**
 * Built-in email + password auth, used when Supabase Auth is not configured. Users live
 * in auth.users exactly as Supabase keeps them, so a later move to Supabase keeps them.
 *
 * Everything here runs before a request has a verified user, so it uses the service
 * role for its own bookkeeping (auth.users, user_sessions, login_attempts, sign_up_requests) and switches
 * to the user's own claims (actAs) for anything tenant-scoped.
 */
import "server-only";
import { actAs, withRls, withService, type Claims, type Tx } from "@/lib/db";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { createOrganization } from "@/lib/orgs/organization";
import { conflict, gone, invalid, tooManyRequests, unauthorized } from "@/lib/http/errors";
import { consume, refund, type LimitHit } from "@/lib/http/rate-limit";
import { SESSION_TTL_SECONDS, signSessionToken } from "./jwt";
import { EVERYONE, SIGN_IN_FAILURES_GLOBAL, SIGN_IN_FAILURES_PER_ADDRESS } from "./limits";
import { hashPassword, verifyPassword } from "./password";
import type { SignUpInput } from "./schema";
import { hashToken, newLinkToken } from "./tokens";
import { insertAuthUser } from "./users";

/** Failures an account may have in a row before each further attempt must wait. */
export const ACCOUNT_FREE_FAILURES = 5;
/** The longest wait between attempts on one account. */
export const ACCOUNT_MAX_DELAY_SECONDS = 300;
/** Failures older than this no longer slow the account down. */
const FAILURE_MEMORY_HOURS = 24;
const RESET_TTL_MINUTES = 60;
const SIGN_UP_TTL_HOURS = 24;

/** The wait before the next attempt after `failures` failures in a row: none for the first five, then 1 s doubling to the cap. */
export const accountDelaySeconds = (failures: number) =>
  failures < ACCOUNT_FREE_FAILURES ? 0 : Math.min(ACCOUNT_MAX_DELAY_SECONDS, 2 ** (failures - ACCOUNT_FREE_FAILURES));

export type IssuedSession = { userId: string; sessionId: string; token: string; orgId: string | null };

const claimsFor = (userId: string, email: string): Claims & { sub: string } => ({
  sub: userId,
  email,
  role: "authenticated",
});

async function createSession(tx: Tx, userId: string, orgId: string | null, userAgent: string | null): Promise<string> {
  await actAs(tx, "service_role");
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.user_sessions (user_id, current_org_id, user_agent, expires_at)
     values ($1, $2, left($3, 512), now() + make_interval(secs => $4)) returning id`,
    [userId, orgId, userAgent, SESSION_TTL_SECONDS],
  );
  return rows[0]!.id;
}

/** Creates the user and their profile (trigger), then the new organization or the invited membership, and a session. */
async function createAccount(
  tx: Tx,
  account: {
    email: string;
    passwordHash: string;
    fullName: string;
    organizationName?: string | null;
    inviteToken?: string;
  },
  userAgent: string | null,
): Promise<{ userId: string; sessionId: string; orgId: string }> {
  const userId = await insertAuthUser(tx, {
    email: account.email,
    passwordHash: account.passwordHash,
    fullName: account.fullName,
  });
  await actAs(tx, claimsFor(userId, account.email));
  const orgId = account.inviteToken
    ? await acceptInvitation(tx, userId, account.inviteToken)
    : await createOrganization(tx, userId, account.organizationName ?? `${account.fullName}'s team`);
  const sessionId = await createSession(tx, userId, orgId, userAgent);
  return { userId, sessionId, orgId };
}

const accountExists = async (tx: Tx, email: string) =>
  (await tx.query("select 1 from auth.users where lower(email) = $1", [email])).rows.length > 0;

/**
 * Sign-up with an invitation: the invitation was sent to this address, so holding its
 * token shows the address is theirs and the account is created at once.
 */
export async function signUpWithInvitation(
  input: SignUpInput & { inviteToken: string },
  userAgent: string | null,
): Promise<IssuedSession> {
  const passwordHash = await hashPassword(input.password);
  const issued = await withService(async (tx) => {
    if (await accountExists(tx, input.email)) {
      throw conflict("accountExists", {
        email: ["accountExistsSignIn"],
      });
    }
    return createAccount(
      tx,
      { email: input.email, passwordHash, fullName: input.fullName, inviteToken: input.inviteToken },
      userAgent,
    );
  });
  return {
    ...issued,
    token: await signSessionToken({ userId: issued.userId, email: input.email, sessionId: issued.sessionId }),
  };
}

/**
 * Sign-up without an invitation waits for the link emailed to the address. The caller
 * answers the same either way; an address that already has an account gets an email
 * saying so instead of a link (`existing`).
 */
export async function requestSignUp(
  input: SignUpInput,
): Promise<{ existing: true } | { existing: false; token: string }> {
  // Hashed in both cases, so the answer takes as long for a known address as for a new one.
  const passwordHash = await hashPassword(input.password);
  const token = newLinkToken();
  return withService(async (tx) => {
    if (await accountExists(tx, input.email)) return { existing: true as const };
    await tx.query(
      `insert into public.sign_up_requests (email, token_hash, password_hash, full_name, organization_name, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
      [input.email, hashToken(token), passwordHash, input.fullName, input.organizationName ?? null, SIGN_UP_TTL_HOURS],
    );
    return { existing: false as const, token };
  });
}

/** Creates the account of a sign-up from its emailed link (single use) and signs it in. */
export async function confirmSignUp(token: string, userAgent: string | null): Promise<IssuedSession> {
  const issued = await withService(async (tx) => {
    const { rows } = await tx.query<{
      email: string;
      password_hash: string;
      full_name: string;
      organization_name: string | null;
      expired: boolean;
    }>(
      `delete from public.sign_up_requests where token_hash = $1
       returning email, password_hash, full_name, organization_name, expires_at <= now() as expired`,
      [hashToken(token)],
    );
    const request = rows[0];
    if (!request || request.expired) throw gone("signUpLinkInvalid");
    if (await accountExists(tx, request.email)) throw gone("emailHasAccount");
    await tx.query("delete from public.sign_up_requests where email = $1", [request.email]);
    const created = await createAccount(
      tx,
      {
        email: request.email,
        passwordHash: request.password_hash,
        fullName: request.full_name,
        organizationName: request.organization_name,
      },
      userAgent,
    );
    return { ...created, email: request.email };
  });
  return {
    userId: issued.userId,
    sessionId: issued.sessionId,
    orgId: issued.orgId,
    token: await signSessionToken({ userId: issued.userId, email: issued.email, sessionId: issued.sessionId }),
  };
}

/**
 * Password guessing is slowed at three levels, all counted in Postgres so they hold across
 * restarts and app instances:
 * - per account, a growing delay: after five failures in a row each attempt must wait
 *   (1 s, doubling, at most five minutes) since the last failure. Nobody can lock an owner
 *   out for long, and the right password after the wait signs in. A password reset clears it.
 * - per client address and for the whole installation, a cap on failures
 *   (SIGN_IN_FAILURES_PER_ADDRESS, SIGN_IN_FAILURES_GLOBAL), against one guess sprayed over many accounts.
 * Every attempt is counted before its password is checked, so a parallel burst is counted
 * too; a success gives its count back.
 */
export async function signIn(
  email: string,
  password: string,
  userAgent: string | null,
  clientAddress: string,
): Promise<IssuedSession> {
  const counted: LimitHit[] = [
    { limit: SIGN_IN_FAILURES_PER_ADDRESS, key: clientAddress },
    { limit: SIGN_IN_FAILURES_GLOBAL, key: EVERYONE },
  ];
  const limited = await consume(counted);
  if (!limited.allowed) throw tooManyRequests(limited.retryAfterSeconds, limited.limit.message);

  const attempt = await withService(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext('login:' || $1))", [email]);
    const { rows: recent } = await tx.query<{ failures: number; wait_seconds: number | null }>(
      `select count(*)::int as failures,
              extract(epoch from max(created_at) - now()) as wait_seconds
         from public.login_attempts
        where email = $1 and not succeeded
          and created_at > now() - make_interval(hours => $2)
          and created_at > coalesce((select max(created_at) from public.login_attempts where email = $1 and succeeded), '-infinity')`,
      [email, FAILURE_MEMORY_HOURS],
    );
    const failures = recent[0]!.failures;
    const wait = failures ? accountDelaySeconds(failures) + Number(recent[0]!.wait_seconds ?? 0) : 0;
    if (wait > 0) return { throttled: true as const, retryAfter: wait };
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
    // Waiting is not failing: an attempt refused before its password was checked does not count.
    await refund(counted);
    throw tooManyRequests(attempt.retryAfter, "accountSignInLocked");
  }
  const ok = await verifyPassword(password, attempt.user?.encrypted_password);
  if (!ok || !attempt.user || attempt.user.banned) throw unauthorized("credentialsIncorrect");

  await refund(counted);
  const userId = attempt.user.id;
  const issued = await withService(async (tx) => {
    await tx.query("update public.login_attempts set succeeded = true where id = $1", [attempt.attemptId]);
    await tx.query("update auth.users set last_sign_in_at = now() where id = $1", [userId]);
    const { rows } = await tx.query<{ org_id: string }>(
      `select m.org_id from public.memberships m join public.organizations o on o.id = m.org_id
        where m.user_id = $1 order by o.name limit 1`,
      [userId],
    );
    return {
      sessionId: await createSession(tx, userId, rows[0]?.org_id ?? null, userAgent),
      orgId: rows[0]?.org_id ?? null,
    };
  });
  return { userId, ...issued, token: await signSessionToken({ userId, email, sessionId: issued.sessionId }) };
}

export async function signOut(claims: Claims, sessionId: string): Promise<void> {
  await withRls(claims, (tx) =>
    tx.query("update public.user_sessions set revoked_at = now() where id = $1 and revoked_at is null", [sessionId]),
  );
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

/** Changes the password, signs out every other session and voids every reset link still open. */
export async function changePassword(
  userId: string,
  currentSessionId: string | null,
  current: string,
  next: string,
): Promise<void> {
  const { rows } = await withService((tx) =>
    tx.query<{ encrypted_password: string | null }>("select encrypted_password from auth.users where id = $1", [
      userId,
    ]),
  );
  if (!(await verifyPassword(current, rows[0]?.encrypted_password))) {
    throw invalid({ currentPassword: ["currentPasswordWrong"] });
  }
  const hash = await hashPassword(next);
  await withService(async (tx) => {
    await tx.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [userId, hash]);
    await tx.query(
      "update public.user_sessions set revoked_at = now() where user_id = $1 and revoked_at is null and id is distinct from $2",
      [userId, currentSessionId],
    );
    await voidResetLinks(tx, userId);
  });
}

/** A new password makes every reset link asked for before it useless. */
const voidResetLinks = (tx: Tx, userId: string) =>
  tx.query("update public.password_reset_tokens set used_at = now() where user_id = $1 and used_at is null", [userId]);

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

/**
 * Sets a new password from a reset link (single use), voids the user's other reset links,
 * signs out every session and clears the account's sign-in delay.
 */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; user_id: string; used_at: Date | null; expired: boolean }>(
      `select id, user_id, used_at, expires_at <= now() as expired
         from public.password_reset_tokens where token_hash = $1 for update`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row || row.used_at || row.expired) throw gone("resetLinkInvalid");
    await voidResetLinks(tx, row.user_id);
    await tx.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [
      row.user_id,
      hash,
    ]);
    await tx.query("update public.user_sessions set revoked_at = now() where user_id = $1 and revoked_at is null", [
      row.user_id,
    ]);
    await tx.query(
      "delete from public.login_attempts where email = (select lower(email) from auth.users where id = $1) and not succeeded",
      [row.user_id],
    );
  });
}

/** The org switcher: the database refuses an organization the user does not belong to. */
export async function switchOrganization(claims: Claims, sessionId: string, orgId: string): Promise<boolean> {
  return withRls(claims, async (tx) => {
    const member = await tx.query(
      "select 1 from public.memberships where org_id = $1 and user_id = (select auth.uid())",
      [orgId],
    );
    if (!member.rows.length) return false;
    const { rowCount } = await tx.query("update public.user_sessions set current_org_id = $2 where id = $1", [
      sessionId,
      orgId,
    ]);
    return rowCount === 1;
  });
}
