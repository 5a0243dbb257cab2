/**
 * The pending half of an OAuth connection, shared by every provider (`public.oauth_states`):
 * an unguessable `state` bound to the session that started the dance, stored as its sha256
 * only, with the PKCE code verifier sealed to the organization and that hash. The callback
 * consumes it once, atomically.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Session } from "@/lib/auth/session";
import { open, seal } from "@/lib/crypto/secret-box";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";

export type OAuthProvider = "calendly" | "google";

/** Long enough to sign in at the provider and approve; short enough that a leaked link is soon useless. */
const STATE_TTL_MINUTES = 10;

const hashState = (state: string) => createHash("sha256").update(state, "utf8").digest("hex");
const verifierAad = (orgId: string, stateHash: string) => `oauth_states:${orgId}:${stateHash}`;

/**
 * Stores a pending authorization for the session's user (and session) in `orgId`, and returns
 * the `state` to send to the provider. `scopes` is what was asked for (Google); none for Calendly.
 */
export async function issueOAuthState(input: {
  provider: OAuthProvider;
  session: Session;
  orgId: string;
  codeVerifier: string;
  redirectUri: string;
  scopes?: readonly string[];
}): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  const stateHash = hashState(state);
  await withService(async (tx) => {
    // Housekeeping on the way: states nobody came back for.
    await tx.query("delete from public.oauth_states where expires_at < now() - interval '1 day'");
    await tx.query(
      `insert into public.oauth_states (state_hash, provider, org_id, user_id, session_id, code_verifier_sealed, redirect_uri, scopes, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(mins => $9))`,
      [
        stateHash,
        input.provider,
        input.orgId,
        input.session.user.id,
        input.session.sessionId,
        seal(input.codeVerifier, env().ENCRYPTION_KEY, verifierAad(input.orgId, stateHash)),
        input.redirectUri,
        [...(input.scopes ?? [])],
        STATE_TTL_MINUTES,
      ],
    );
  });
  return state;
}

export type ConsumedOAuthState =
  | {
      ok: true;
      orgId: string;
      redirectUri: string;
      scopes: string[];
      /** The PKCE verifier; throws if the sealed value does not open, so call it where an exchange failure is handled. */
      codeVerifier: () => string;
    }
  | { ok: false; reason: "state" | "used" | "expired"; orgId?: string };

type StoredState = {
  org_id: string;
  code_verifier_sealed: string;
  redirect_uri: string;
  scopes: string[];
  expires_at: Date;
  fresh: boolean;
};

/**
 * Consumes the state (once, atomically): unknown or someone else's → "state", consumed before →
 * "used", too late → "expired".
 */
export async function consumeOAuthState(
  provider: OAuthProvider,
  session: Session,
  state: string | null,
): Promise<ConsumedOAuthState> {
  if (!state) return { ok: false, reason: "state" };
  const stateHash = hashState(state);
  // Bound to the session that started it: another user (or the same user in another session)
  // finds no state, and does not use it up either, so a leaked callback URL cannot spoil the
  // rightful user's connection.
  const stored = await withService(async (tx) => {
    const { rows } = await tx.query<StoredState>(
      `update public.oauth_states s set used_at = now()
         from (select id, used_at is null as fresh from public.oauth_states
                where state_hash = $1 and provider = $2 and user_id = $3 and session_id is not distinct from $4
                  for update) p
        where s.id = p.id
        returning s.org_id, s.code_verifier_sealed, s.redirect_uri, s.scopes, s.expires_at, p.fresh`,
      [stateHash, provider, session.user.id, session.sessionId ?? null],
    );
    return rows[0];
  });
  if (!stored) return { ok: false, reason: "state" };
  const orgId = stored.org_id;
  if (!stored.fresh) return { ok: false, reason: "used", orgId };
  if (new Date(stored.expires_at).getTime() < Date.now()) return { ok: false, reason: "expired", orgId };
  return {
    ok: true,
    orgId,
    redirectUri: stored.redirect_uri,
    scopes: stored.scopes,
    codeVerifier: () => open(stored.code_verifier_sealed, env().ENCRYPTION_KEY, verifierAad(orgId, stateHash)),
  };
}
