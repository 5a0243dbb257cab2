/**
 * Why connecting an integration through OAuth did not finish: the callback redirects to
 * Settings → Integrations with one of these codes (`?calendly_error=`, `?google_error=`), and the
 * page explains it in the reader's language (`integrations.errors.*`,
 * `integrations.google.errors.*`). Client-safe: no imports.
 */

/** What can go wrong with any provider's connection (the state, the consent, the exchange, the account). */
export const SHARED_OAUTH_ERRORS = [
  "state",
  "expired",
  "used",
  "denied",
  "role",
  "exchange",
  "account",
  "not_configured",
] as const;

/** A type guard for one provider's list of codes. */
export const oauthErrorGuard =
  <T extends string>(codes: readonly T[]) =>
  (value: unknown): value is T =>
    (codes as readonly unknown[]).includes(value);

/** Calendly's codes: the shared ones, and the webhook subscription (or storing the connection) failing. */
export const OAUTH_ERRORS = [...SHARED_OAUTH_ERRORS, "subscription"] as const;
export type OAuthError = (typeof OAUTH_ERRORS)[number];

export const isOAuthError = oauthErrorGuard(OAUTH_ERRORS);
