import "server-only";
import { cache } from "react";
import { withRls, type Claims, type Tx } from "@/lib/db";
import { readCookie } from "@/lib/http/cookies";
import { authBackend, type CookieReader } from "./backend";
import type { Membership, Session } from "./types";

export type { Membership, Session } from "./types";

export { readCookie };

/**
 * Loads everything a request needs about its user in one RLS transaction. For built-in
 * sessions it also checks the user_sessions row, so a signed-out or revoked session is
 * rejected even while its JWT is still unexpired.
 */
async function loadSession(
  claims: Claims & { sub: string },
  preferredOrgId: string | undefined,
): Promise<Session | null> {
  const sessionId = typeof claims.session_id === "string" ? claims.session_id : null;
  return withRls(claims, async (tx) => {
    let currentOrgId = preferredOrgId;
    if (sessionId) {
      const { rows } = await tx.query<{ current_org_id: string | null }>(
        `select current_org_id from public.user_sessions
          where id = $1 and user_id = (select auth.uid()) and revoked_at is null and expires_at > now()`,
        [sessionId],
      );
      if (!rows[0]) return null;
      currentOrgId = rows[0].current_org_id ?? undefined;
    }
    // A platform admin may have disabled the sign-in (lib/auth/sign-in-access.ts): signed out at once.
    const profile = await tx.query<{ email: string; full_name: string; disabled: boolean }>(
      `select email, full_name, (select private.sign_in_disabled()) as disabled
         from public.profiles where id = (select auth.uid())`,
    );
    if (!profile.rows[0] || profile.rows[0].disabled) return null;
    const memberships = await listMemberships(tx);
    const org = memberships.find((m) => m.orgId === currentOrgId) ?? memberships[0] ?? null;
    return {
      claims,
      user: { id: claims.sub, email: profile.rows[0].email, fullName: profile.rows[0].full_name },
      sessionId,
      org,
      memberships,
    };
  });
}

export async function listMemberships(tx: Tx): Promise<Membership[]> {
  const { rows } = await tx.query<Membership>(
    `select m.org_id as "orgId", o.name as "orgName", m.role
       from public.memberships m join public.organizations o on o.id = m.org_id
      where m.user_id = (select auth.uid())
      order by o.name, o.id`,
  );
  return rows;
}

async function resolve(readCookieValue: CookieReader): Promise<Session | null> {
  const read = await (await authBackend()).readSession(readCookieValue);
  return read ? loadSession(read.claims, read.preferredOrgId) : null;
}

/** The session of a route handler's request. */
export function sessionFromRequest(request: Request): Promise<Session | null> {
  const header = request.headers.get("cookie");
  return resolve((name) => readCookie(header, name));
}

/** The session of the current page render; memoised per request. */
export const getSession = cache(async (): Promise<Session | null> => {
  // next/headers works only inside a request: scripts and tests importing this module never load it.
  const { cookies } = await import("next/headers");
  const store = await cookies();
  return resolve((name) => store.get(name)?.value);
});
