/**
 * Connecting an organization to Calendly: the start of the OAuth dance (PKCE + a state bound
 * to the admin's session) and its callback (state check, code exchange, account lookup,
 * webhook subscription, encrypted storage).
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Session } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { open, seal } from "@/lib/crypto/secret-box";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";
import { HttpError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { connectionIdFor, newSigningKey, saveConnection } from "../connections";
import type { OAuthError } from "../oauth-errors";
import {
  CalendlyApiError,
  createWebhookSubscription,
  deleteWebhookSubscription,
  getCurrentUser,
  listWebhookSubscriptions,
} from "./client";
import { calendlyClient, calendlyEndpoints, calendlyRedirectUri, calendlyWebhookUrl } from "./config";
import { authorizeUrl, CalendlyOAuthError, createOAuthState, createPkcePair, exchangeCode, revokeToken } from "./oauth";

/** Long enough to sign in at Calendly and approve; short enough that a leaked link is soon useless. */
const STATE_TTL_MINUTES = 10;

const hashState = (state: string) => createHash("sha256").update(state, "utf8").digest("hex");
const verifierAad = (orgId: string, stateHash: string) => `oauth_states:${orgId}:${stateHash}`;

export function notConfigured(): HttpError {
  return new HttpError(409, "Not configured", "calendlyNotConfigured");
}

/** Returns the Calendly authorization URL to send the admin to. */
export async function startCalendlyOAuth(session: Session): Promise<string> {
  const client = calendlyClient();
  if (!client) throw notConfigured();
  const org = session.org;
  if (!org || !hasRole(org.role, "admin")) throw new HttpError(403, "Forbidden", "calendlyNeedsAdmin");

  const state = createOAuthState();
  const stateHash = hashState(state);
  const { codeVerifier, codeChallenge } = createPkcePair();
  const redirectUri = calendlyRedirectUri();
  await withService(async (tx) => {
    // Housekeeping on the way: states nobody came back for.
    await tx.query("delete from public.oauth_states where expires_at < now() - interval '1 day'");
    await tx.query(
      `insert into public.oauth_states (state_hash, provider, org_id, user_id, session_id, code_verifier_sealed, redirect_uri, expires_at)
       values ($1, 'calendly', $2, $3, $4, $5, $6, now() + make_interval(mins => $7))`,
      [
        stateHash,
        org.orgId,
        session.user.id,
        session.sessionId,
        seal(codeVerifier, env().ENCRYPTION_KEY, verifierAad(org.orgId, stateHash)),
        redirectUri,
        STATE_TTL_MINUTES,
      ],
    );
  });
  return authorizeUrl({
    clientId: client.clientId,
    redirectUri,
    state,
    codeChallenge,
    authorizeEndpoint: calendlyEndpoints().authorize,
  });
}

export type CallbackFailure = OAuthError;
export type CallbackResult = { ok: true; orgId: string } | { ok: false; reason: CallbackFailure; orgId?: string };

type StoredState = {
  org_id: string;
  user_id: string;
  session_id: string | null;
  code_verifier_sealed: string;
  redirect_uri: string;
  expires_at: Date;
  used_at: Date | null;
};

/**
 * Consumes the state (once, atomically), then finishes the connection. Every failure is a
 * reason code the settings page explains; none of them carries a token or the code.
 */
export async function completeCalendlyOAuth(
  session: Session,
  params: { state: string | null; code: string | null; error: string | null },
): Promise<CallbackResult> {
  if (!params.state) return { ok: false, reason: "state" };
  const stateHash = hashState(params.state);
  const stored = await withService(async (tx) => {
    const { rows } = await tx.query<StoredState & { fresh: boolean }>(
      `update public.oauth_states s set used_at = now()
         from (select id, used_at is null as fresh from public.oauth_states where state_hash = $1 and provider = 'calendly' for update) p
        where s.id = p.id
        returning s.org_id, s.user_id, s.session_id, s.code_verifier_sealed, s.redirect_uri, s.expires_at, p.fresh`,
      [stateHash],
    );
    return rows[0];
  });
  if (!stored) return { ok: false, reason: "state" };
  // Bound to the session that started it: another user (or the same user in another session) is refused.
  if (stored.user_id !== session.user.id || (stored.session_id ?? null) !== (session.sessionId ?? null))
    return { ok: false, reason: "state" };
  if (!stored.fresh) return { ok: false, reason: "used", orgId: stored.org_id };
  if (new Date(stored.expires_at).getTime() < Date.now()) return { ok: false, reason: "expired", orgId: stored.org_id };
  const orgId = stored.org_id;
  if (params.error || !params.code) return { ok: false, reason: "denied", orgId };
  const membership = session.memberships.find((m) => m.orgId === orgId);
  if (!membership || !hasRole(membership.role, "admin")) return { ok: false, reason: "role", orgId };
  const client = calendlyClient();
  if (!client) return { ok: false, reason: "not_configured", orgId };

  let tokens;
  try {
    tokens = await exchangeCode({
      ...client,
      code: params.code,
      codeVerifier: open(stored.code_verifier_sealed, env().ENCRYPTION_KEY, verifierAad(orgId, stateHash)),
      redirectUri: stored.redirect_uri,
      tokenEndpoint: calendlyEndpoints().token,
    });
  } catch (error) {
    logger.warn(
      {
        orgId,
        code: error instanceof CalendlyOAuthError ? error.code : "unknown",
        status: error instanceof CalendlyOAuthError ? error.status : null,
      },
      "calendly code exchange failed",
    );
    return { ok: false, reason: "exchange", orgId };
  }

  const revokeAll = async () => {
    for (const token of [tokens.refreshToken, tokens.accessToken]) {
      await revokeToken({ ...client, token, revokeEndpoint: calendlyEndpoints().revoke }).catch(() => undefined);
    }
  };

  let account;
  try {
    account = await getCurrentUser(tokens.accessToken);
  } catch (error) {
    logger.warn(
      { orgId, status: error instanceof CalendlyApiError ? error.status : null },
      "calendly /users/me failed",
    );
    await revokeAll();
    return { ok: false, reason: "account", orgId };
  }

  const connectionId = await connectionIdFor(orgId);
  const url = calendlyWebhookUrl({ connection: connectionId });
  const signingKey = newSigningKey();
  let subscriptionUri: string;
  try {
    subscriptionUri = await subscribe(tokens.accessToken, url, account.organizationUri, signingKey);
  } catch (error) {
    logger.warn(
      { orgId, status: error instanceof CalendlyApiError ? error.status : null },
      "calendly webhook subscription failed",
    );
    await revokeAll();
    return { ok: false, reason: "subscription", orgId };
  }

  try {
    await withService((tx) =>
      saveConnection(tx, {
        id: connectionId,
        orgId,
        tokens,
        signingKey,
        subscriptionUri,
        account,
        connectedBy: session.user.id,
      }),
    );
  } catch (error) {
    // Most likely another Kiln organization already holds this Calendly organization.
    logger.warn({ orgId, err: error }, "calendly connection could not be stored");
    await deleteWebhookSubscription(tokens.accessToken, subscriptionUri).catch(() => undefined);
    await revokeAll();
    return { ok: false, reason: "subscription", orgId };
  }
  return { ok: true, orgId };
}

/** Creates the subscription; one left over from an earlier connection to the same URL (409) is replaced. */
async function subscribe(token: string, url: string, organizationUri: string, signingKey: string): Promise<string> {
  try {
    return await createWebhookSubscription(token, { url, organizationUri, signingKey });
  } catch (error) {
    if (!(error instanceof CalendlyApiError) || error.status !== 409) throw error;
    for (const existing of await listWebhookSubscriptions(token, organizationUri)) {
      if (existing.callbackUrl === url) await deleteWebhookSubscription(token, existing.uri);
    }
    return createWebhookSubscription(token, { url, organizationUri, signingKey });
  }
}
