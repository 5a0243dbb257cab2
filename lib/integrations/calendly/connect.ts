/**
 * Connecting an organization to Calendly: the start of the OAuth dance (PKCE + a state bound
 * to the admin's session) and its callback (state check, code exchange, account lookup,
 * webhook subscription, encrypted storage).
 */
import "server-only";
import type { Session } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { withService } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { connectionIdFor, newSigningKey, saveConnection } from "../connections";
import type { OAuthError } from "../oauth-errors";
import { consumeOAuthState, issueOAuthState } from "../oauth-state";
import {
  CalendlyApiError,
  createWebhookSubscription,
  deleteWebhookSubscription,
  getCurrentUser,
  listWebhookSubscriptions,
} from "./client";
import { calendlyClient, calendlyEndpoints, calendlyRedirectUri, calendlyWebhookUrl } from "./config";
import { authorizeUrl, CalendlyOAuthError, createPkcePair, exchangeCode, revokeToken } from "./oauth";

export function notConfigured(): HttpError {
  return new HttpError(409, "Not configured", "calendlyNotConfigured");
}

/** Returns the Calendly authorization URL to send the admin to. */
export async function startCalendlyOAuth(session: Session): Promise<string> {
  const client = calendlyClient();
  if (!client) throw notConfigured();
  const org = session.org;
  if (!org || !hasRole(org.role, "admin")) throw new HttpError(403, "Forbidden", "calendlyNeedsAdmin");

  const { codeVerifier, codeChallenge } = createPkcePair();
  const redirectUri = calendlyRedirectUri();
  const state = await issueOAuthState({ provider: "calendly", session, orgId: org.orgId, codeVerifier, redirectUri });
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

/**
 * Consumes the state (once, atomically), then finishes the connection. Every failure is a
 * reason code the settings page explains; none of them carries a token or the code.
 */
export async function completeCalendlyOAuth(
  session: Session,
  params: { state: string | null; code: string | null; error: string | null },
): Promise<CallbackResult> {
  // Bound to the session that started it: another user (or the same user in another session)
  // finds no state and does not use it up (see consumeOAuthState).
  const stored = await consumeOAuthState("calendly", session, params.state);
  if (!stored.ok) return stored;
  const orgId = stored.orgId;
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
      codeVerifier: stored.codeVerifier(),
      redirectUri: stored.redirectUri,
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
