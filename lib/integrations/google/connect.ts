/**
 * A user connecting their own Google account: the start of the OAuth dance (PKCE, a state bound
 * to the user's session, the scopes of the parts being turned on) and its callback (state check,
 * code exchange through google-auth-library, who the account is, encrypted storage).
 */
import "server-only";
import { CodeChallengeMethod } from "google-auth-library";
import type { Session } from "@/lib/auth/session";
import { withService } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { consumeOAuthState, issueOAuthState } from "../oauth-state";
import { googleClient, googleRedirectUri, newOAuthClient } from "./config";
import { revokeGoogleToken, saveGoogleConnection, storedGoogleGrant } from "./connection";
import { GOOGLE_PARTS, partGranted, scopesFor, type GoogleOAuthError, type GooglePart } from "./parts";

export function googleNotConfigured(): HttpError {
  return new HttpError(409, "Not configured", "googleNotConfigured");
}

/**
 * Returns Google's consent URL for the parts being turned on (none: just the account). Every
 * member connects their own account, whatever their role.
 */
export async function startGoogleOAuth(session: Session, parts: readonly GooglePart[]): Promise<string> {
  if (!googleClient()) throw googleNotConfigured();
  const org = session.org;
  if (!org) throw new HttpError(403, "Forbidden", "noOrganization");

  const client = newOAuthClient();
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const scopes = scopesFor(parts);
  const redirectUri = googleRedirectUri();
  const state = await issueOAuthState({
    provider: "google",
    session,
    orgId: org.orgId,
    codeVerifier,
    redirectUri,
    scopes,
  });
  return client.generateAuthUrl({
    access_type: "offline",
    // Incremental authorization: the answer's grant covers what was granted before, too.
    include_granted_scopes: true,
    // Google sends a refresh token only on consent; without a prompt a second grant comes without one.
    prompt: "consent",
    scope: scopes,
    state,
    redirect_uri: redirectUri,
    code_challenge: codeChallenge!,
    code_challenge_method: CodeChallengeMethod.S256,
  });
}

export type GoogleCallbackResult =
  { ok: true; orgId: string } | { ok: false; reason: GoogleOAuthError; orgId?: string; missing?: GooglePart[] };

/**
 * Consumes the state (once, atomically), then finishes the connection. Every failure is a
 * reason code the settings page explains; none of them carries a token or the code.
 */
export async function completeGoogleOAuth(
  session: Session,
  params: { state: string | null; code: string | null; error: string | null },
): Promise<GoogleCallbackResult> {
  const stored = await consumeOAuthState("google", session, params.state);
  if (!stored.ok) return stored;
  const orgId = stored.orgId;
  if (params.error || !params.code) return { ok: false, reason: "denied", orgId };
  if (!session.memberships.some((m) => m.orgId === orgId)) return { ok: false, reason: "role", orgId };
  if (!googleClient()) return { ok: false, reason: "not_configured", orgId };

  const client = newOAuthClient();
  let tokens;
  try {
    ({ tokens } = await client.getToken({
      code: params.code,
      codeVerifier: stored.codeVerifier(),
      redirect_uri: stored.redirectUri,
    }));
  } catch (error) {
    const response = (error as { response?: { status?: number; data?: { error?: unknown } } }).response;
    logger.warn(
      {
        orgId,
        status: response?.status ?? null,
        code: typeof response?.data?.error === "string" ? response.data.error : null,
      },
      "google code exchange failed",
    );
    return { ok: false, reason: "exchange", orgId };
  }
  const accessToken = tokens.access_token;
  if (!accessToken) return { ok: false, reason: "exchange", orgId };
  const revokeNew = async () => {
    await revokeGoogleToken(tokens.refresh_token ?? accessToken);
  };

  // Who the account is, and everything it has granted (this and earlier authorizations).
  let info;
  try {
    info = await client.getTokenInfo(accessToken);
  } catch (error) {
    logger.warn(
      { orgId, status: (error as { response?: { status?: number } }).response?.status ?? null },
      "google tokeninfo failed",
    );
    await revokeNew();
    return { ok: false, reason: "account", orgId };
  }
  if (!info.sub) {
    await revokeNew();
    return { ok: false, reason: "account", orgId };
  }
  const granted = [...new Set([...(tokens.scope?.split(/\s+/) ?? []), ...(info.scopes ?? [])].filter(Boolean))];

  const previous = await storedGoogleGrant(orgId, session.user.id);
  const sameAccount = previous?.sub === info.sub;
  // Google omits the refresh token when it already gave this client one for the account; with
  // none now and none kept, the connection could not outlive the hour.
  if (!tokens.refresh_token && !(sameAccount && previous?.refreshToken)) {
    await revokeNew();
    return { ok: false, reason: "exchange", orgId };
  }
  const requested = GOOGLE_PARTS.filter((part) => partGranted(part, stored.scopes));
  const wanted = [...new Set([...(sameAccount ? previous!.enabled : []), ...requested])];
  const enable = wanted.filter((part) => partGranted(part, granted));
  const missing = requested.filter((part) => !partGranted(part, granted));

  await withService((tx) =>
    saveGoogleConnection(tx, {
      orgId,
      userId: session.user.id,
      account: { sub: info.sub!, email: info.email ?? null },
      accessToken,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: new Date(tokens.expiry_date ?? Date.now() + 3_600_000),
      scopes: granted,
      enable,
    }),
  );
  // Another account replaced the old one: its grant is no longer ours to hold.
  if (previous?.refreshToken && !sameAccount) await revokeGoogleToken(previous.refreshToken);
  // The user unticked a part on Google's consent screen: connected, without that part.
  if (missing.length) return { ok: false, reason: "scopes", orgId, missing };
  return { ok: true, orgId };
}
