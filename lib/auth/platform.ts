import "server-only";
import { recordPlatformAudit } from "@/lib/audit";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { forbidden, notFound } from "@/lib/http/errors";
import type { Session } from "./session";

/**
 * Platform admins run the installation rather than an organization. Two ways to be one:
 * - KILN_PLATFORM_ADMINS lists their emails (set by whoever deploys Kiln). Built-in sign-up
 *   does not confirm addresses, so the operator signs up with a listed email before anyone else can.
 * - public.platform_admins holds the people granted at the shell with
 *   `npm run admin:grant -- <email>` (scripts/admin.ts), revoked with `npm run admin:revoke`.
 * This module is the only writer of public.platform_admins.
 */
function listedInEnvironment(email: string): boolean {
  const listed = (env().KILN_PLATFORM_ADMINS ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return listed.includes(email.toLowerCase());
}

/**
 * Service role: platform_admins is readable by nobody else, and the session's user was
 * verified before this is asked.
 */
export async function isPlatformAdmin(session: Pick<Session, "user">): Promise<boolean> {
  if (listedInEnvironment(session.user.email)) return true;
  return withService(async (tx) => {
    const { rows } = await tx.query("select 1 from public.platform_admins where user_id = $1", [session.user.id]);
    return rows.length > 0;
  });
}

/** Platform tooling outside the console (number allocations): a clear 403 for everyone else. */
export async function requirePlatformAdmin(session: Pick<Session, "user">): Promise<void> {
  if (!(await isPlatformAdmin(session))) throw forbidden("platformAdminsOnly");
}

/**
 * The console (/admin and /api/v1/platform/admin): a 404 for anyone who is not a platform
 * admin, signed out included, so it does not even admit that it exists.
 */
export async function requirePlatformAdminOrNotFound(session: Pick<Session, "user"> | null): Promise<void> {
  if (!session || !(await isPlatformAdmin(session))) throw notFound();
}

export type GrantOutcome = "granted" | "already" | "revoked" | "not_granted" | "no_such_user";

/** Who grants: a signed-in platform admin, or the operator at the shell (the CLI). */
export type PlatformActor = { id: string; email: string } | { cli: string };

async function userIdByEmail(tx: Tx, email: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    "select id from auth.users where lower(email) = lower($1) and deleted_at is null",
    [email.trim()],
  );
  return rows[0]?.id ?? null;
}

const actorFields = (actor: PlatformActor) =>
  "cli" in actor ? { actorId: null, actorEmail: null, via: actor.cli } : { actorId: actor.id, actorEmail: actor.email };

/** Makes the account with `email` a platform admin (service role), audited. */
export async function grantPlatformAdmin(tx: Tx, actor: PlatformActor, email: string): Promise<GrantOutcome> {
  const userId = await userIdByEmail(tx, email);
  if (!userId) return "no_such_user";
  const { rowCount } = await tx.query(
    "insert into public.platform_admins (user_id, granted_by) values ($1, $2) on conflict (user_id) do nothing",
    [userId, "cli" in actor ? null : actor.id],
  );
  if (!rowCount) return "already";
  const { actorId, actorEmail, ...via } = actorFields(actor);
  await recordPlatformAudit(tx, {
    actorId,
    actorEmail,
    action: "platform_admin.granted",
    targetType: "user",
    targetId: userId,
    metadata: { email: email.trim().toLowerCase(), ...via },
  });
  return "granted";
}

/** Takes the flag away (KILN_PLATFORM_ADMINS still wins for the emails it lists), audited. */
export async function revokePlatformAdmin(tx: Tx, actor: PlatformActor, email: string): Promise<GrantOutcome> {
  const userId = await userIdByEmail(tx, email);
  if (!userId) return "no_such_user";
  const { rowCount } = await tx.query("delete from public.platform_admins where user_id = $1", [userId]);
  if (!rowCount) return "not_granted";
  const { actorId, actorEmail, ...via } = actorFields(actor);
  await recordPlatformAudit(tx, {
    actorId,
    actorEmail,
    action: "platform_admin.revoked",
    targetType: "user",
    targetId: userId,
    metadata: { email: email.trim().toLowerCase(), ...via },
  });
  return "revoked";
}

/** Whether KILN_PLATFORM_ADMINS names the address (shown by the CLI after a revoke). */
export const namedByEnvironment = (email: string) => listedInEnvironment(email);

/** Ids of the users granted through the table (the Users page marks them). */
export async function grantedPlatformAdminIds(tx: Tx, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const { rows } = await tx.query<{ user_id: string }>(
    "select user_id from public.platform_admins where user_id = any($1::uuid[])",
    [userIds],
  );
  return new Set(rows.map((r) => r.user_id));
}
