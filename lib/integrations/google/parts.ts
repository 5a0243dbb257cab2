/**
 * The parts of a Google connection a user turns on one by one, and the OAuth scopes each needs.
 * Google authorizes incrementally: connecting asks only for the identity scopes and the parts
 * being turned on; turning on another part later asks for its scopes alone (the earlier grant
 * is kept, `include_granted_scopes`). Client-safe: imports only the client-safe error codes.
 */
import { oauthErrorGuard, SHARED_OAUTH_ERRORS } from "../oauth-errors";

export const GOOGLE_PARTS = ["gmail", "calendar"] as const;
export type GooglePart = (typeof GOOGLE_PARTS)[number];

/** Who the account is (the `sub` and address Kiln shows and matches on). */
export const IDENTITY_SCOPES = ["openid", "https://www.googleapis.com/auth/userinfo.email"] as const;

export const PART_SCOPES: Record<GooglePart, readonly string[]> = {
  // Read to sync the mailbox; send to answer from it. Not gmail.modify: Kiln never changes the mailbox.
  gmail: ["https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/gmail.send"],
  // Read the calendars and their events; write events (a meeting booked in Kiln lands in the owner's calendar).
  calendar: ["https://www.googleapis.com/auth/calendar.readonly", "https://www.googleapis.com/auth/calendar.events"],
};

export const isGooglePart = (value: unknown): value is GooglePart =>
  (GOOGLE_PARTS as readonly unknown[]).includes(value);

export const partGranted = (part: GooglePart, granted: readonly string[]) =>
  PART_SCOPES[part].every((scope) => granted.includes(scope));

/** What one authorization asks for: the identity plus the parts being turned on. */
export const scopesFor = (parts: readonly GooglePart[]) => [
  ...IDENTITY_SCOPES,
  ...GOOGLE_PARTS.filter((part) => parts.includes(part)).flatMap((part) => PART_SCOPES[part]),
];

/**
 * Why connecting Google did not finish: the callback redirects to Settings → Integrations with
 * `?google_error=` one of these, worded under `integrations.google.errors`.
 */
export const GOOGLE_OAUTH_ERRORS = [
  ...SHARED_OAUTH_ERRORS,
  /** Connected, but a part being turned on was unticked on Google's consent screen. */
  "scopes",
] as const;
export type GoogleOAuthError = (typeof GOOGLE_OAUTH_ERRORS)[number];

export const isGoogleOAuthError = oauthErrorGuard(GOOGLE_OAUTH_ERRORS);
