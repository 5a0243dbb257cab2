import "server-only";
import { OAuth2Client } from "google-auth-library";
import { env } from "@/lib/env";
import { sandboxToolsEnabled } from "../sandbox-mode";
import { SANDBOX_CLIENT_ID, sandboxClientSecret } from "./sandbox/tokens";

/** Every call to Google gives up after this: a Google that hangs must not hold a row lock or a job. */
const TIMEOUT_MS = 10_000;

/** The real OAuth app's credentials from the environment, or null. */
function configuredClient(): { clientId: string; clientSecret: string } | null {
  const { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret } = env();
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/**
 * No OAuth app, and sandbox tools on (the installation's rule, lib/integrations/sandbox-mode.ts):
 * Google is Kiln's own stand-in (./sandbox), so connecting and syncing can be tried offline.
 */
export const googleSandboxActive = () => configuredClient() === null && sandboxToolsEnabled();

/**
 * The one origin all of Google lives under when it is not Google's own hosts: GOOGLE_OAUTH_BASE_URL
 * (a test's local stand-in), else the sandbox Google this server serves itself; null for Google.
 */
function standInBase(): string | null {
  const base = env().GOOGLE_OAUTH_BASE_URL?.replace(/\/+$/, "");
  if (base) return base;
  return googleSandboxActive() ? `${env().APP_URL.replace(/\/+$/, "")}/api/sandbox/google` : null;
}

/**
 * Which Google OAuth app this installation has, and where Google's OAuth endpoints live. A
 * stand-in (see standInBase) serves all of them under one origin, so the official client talks
 * to it over real HTTP.
 */
export function googleEndpoints() {
  const base = standInBase();
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

/**
 * Where Google's REST APIs (Calendar, Gmail) live: the official clients' `rootUrl`. A stand-in
 * serves them on the same origin as the OAuth endpoints, so one server is all of Google.
 */
export function googleApiRoot(): string {
  const base = standInBase();
  return base ? `${base}/` : "https://www.googleapis.com/";
}

/**
 * What an official per-API client (@googleapis/calendar, …) needs for one user's calls: where the
 * API lives, and the access token withGoogleToken handed out as a header. Not an auth client:
 * those packages pin their own google-auth-library, and a bare token needs none (a 401 goes back
 * to withGoogleToken, which refreshes under the row's lock). A redirect would carry the token on.
 */
export function googleApiOptions(accessToken: string) {
  const rootUrl = googleApiRoot();
  return {
    rootUrl,
    headers: { authorization: `Bearer ${accessToken}` },
    timeout: TIMEOUT_MS,
    redirect: "error" as const,
    ...underPath(rootUrl),
  };
}

/**
 * The clients resolve each method's absolute path (`/calendar/v3/…`) against rootUrl's origin,
 * dropping rootUrl's own path; a stand-in served under a path (the sandbox's /api/sandbox/google)
 * gets it put back before the request leaves. Nothing for Google's own hosts.
 */
function underPath(rootUrl: string): { fetchImplementation?: typeof fetch } {
  const root = new URL(rootUrl);
  const prefix = root.pathname.replace(/\/+$/, "");
  if (!prefix) return {};
  return {
    fetchImplementation: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      if (url.origin === root.origin && !url.pathname.startsWith(`${prefix}/`))
        url.pathname = `${prefix}${url.pathname}`;
      return fetch(input instanceof Request ? new Request(url, input) : url, init);
    },
  };
}

/**
 * The OAuth app's credentials: the configured one, the sandbox's in sandbox mode, or null when
 * this installation has neither (the card explains the setup).
 */
export function googleClient(): { clientId: string; clientSecret: string } | null {
  const configured = configuredClient();
  if (configured) return configured;
  return sandboxToolsEnabled() ? { clientId: SANDBOX_CLIENT_ID, clientSecret: sandboxClientSecret() } : null;
}

/** The callback to register with the Google OAuth client. */
export const googleRedirectUri = () => `${env().APP_URL.replace(/\/+$/, "")}/api/oauth/google/callback`;

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
