import "server-only";
import { OAuth2Client } from "google-auth-library";
import { env } from "@/lib/env";

/**
 * Which Google OAuth app this installation has, and where Google's OAuth endpoints live.
 * GOOGLE_OAUTH_BASE_URL puts all of them under one origin, so a test can stand a local server
 * in for Google and the official client talks to it over real HTTP.
 */
export function googleEndpoints() {
  const base = env().GOOGLE_OAUTH_BASE_URL?.replace(/\/+$/, "");
  if (base)
    return {
      authorize: `${base}/o/oauth2/v2/auth`,
      token: `${base}/token`,
      revoke: `${base}/revoke`,
      tokenInfo: `${base}/tokeninfo`,
    };
  return {
    authorize: "https://accounts.google.com/o/oauth2/v2/auth",
    token: "https://oauth2.googleapis.com/token",
    revoke: "https://oauth2.googleapis.com/revoke",
    tokenInfo: "https://oauth2.googleapis.com/tokeninfo",
  };
}

/** The OAuth app's credentials, or null when this installation has none (the card explains the setup). */
export function googleClient(): { clientId: string; clientSecret: string } | null {
  const { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret } = env();
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/** The callback to register with the Google OAuth client. */
export const googleRedirectUri = () => `${env().APP_URL.replace(/\/+$/, "")}/api/oauth/google/callback`;

const TIMEOUT_MS = 10_000;

/**
 * A fresh client per use: its credentials are one user's tokens, so one held in a module global
 * would carry a user's grant into the next request.
 */
export function newOAuthClient(): OAuth2Client {
  const client = googleClient();
  if (!client) throw new Error("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set.");
  const endpoints = googleEndpoints();
  return new OAuth2Client({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: googleRedirectUri(),
    // Token calls run while the connection's row is locked: a Google that hangs must not hold it.
    // A redirect would replay the client secret, code or token to wherever it points.
    transporterOptions: { timeout: TIMEOUT_MS, redirect: "error" },
    endpoints: {
      oauth2AuthBaseUrl: endpoints.authorize,
      oauth2TokenUrl: endpoints.token,
      oauth2RevokeUrl: endpoints.revoke,
      tokenInfoUrl: endpoints.tokenInfo,
    },
  });
}
