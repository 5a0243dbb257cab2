import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { sandboxToolsEnabled } from "../sandbox-mode";

/**
 * Where Calendly lives and which credentials this installation has. Base URLs are
 * configurable only so tests (and a benchmark) can stand a local server in for Calendly.
 */
export function calendlyEndpoints() {
  const config = env();
  const auth = config.CALENDLY_AUTH_BASE_URL.replace(/\/+$/, "");
  return {
    api: config.CALENDLY_API_BASE_URL.replace(/\/+$/, ""),
    authorize: `${auth}/oauth/authorize`,
    token: `${auth}/oauth/token`,
    revoke: `${auth}/oauth/revoke`,
  };
}

/** The OAuth app's credentials, or null when this installation has none (sandbox). */
export function calendlyClient(): { clientId: string; clientSecret: string } | null {
  const { CALENDLY_CLIENT_ID: clientId, CALENDLY_CLIENT_SECRET: clientSecret } = env();
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/** The callback to register with the Calendly OAuth app. */
export const calendlyRedirectUri = () => `${env().APP_URL.replace(/\/+$/, "")}/api/oauth/calendly/callback`;

/** The endpoint Calendly posts to; `?connection=` tells us whose signing key to check with. */
export const calendlyWebhookUrl = (params: Record<string, string> = {}) => {
  const url = new URL(`${env().APP_URL.replace(/\/+$/, "")}/api/webhooks/calendly`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
};

/** Sandbox tools (simulated bookings, the per-organization sandbox signing key): the installation's rule. */
export const calendlySandboxEnabled = sandboxToolsEnabled;

/**
 * The sandbox signing key of one organization: derived from AUTH_SECRET and the org id, so it
 * is stable, known only to this server (and shown to that organization's admins), and opens
 * nothing in any other organization.
 */
export function calendlySandboxKey(orgId: string): string {
  return createHmac("sha256", env().AUTH_SECRET).update(`kiln-sandbox-webhook:calendly:${orgId}`).digest("hex");
}
