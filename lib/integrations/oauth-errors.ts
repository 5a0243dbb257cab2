/**
 * Why connecting an integration through OAuth did not finish: the callback redirects to
 * Settings → Integrations with one of these codes (`?calendly_error=`), and the page explains
 * it in the reader's language (`integrations.errors.*`). Client-safe: no imports.
 */
export const OAUTH_ERRORS = [
  "state",
  "expired",
  "used",
  "denied",
  "role",
  "exchange",
  "account",
  "subscription",
  "not_configured",
] as const;
export type OAuthError = (typeof OAUTH_ERRORS)[number];

export const isOAuthError = (value: unknown): value is OAuthError =>
  (OAUTH_ERRORS as readonly unknown[]).includes(value);
