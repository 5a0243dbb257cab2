import "server-only";
import type { Claims } from "@/lib/db";
import { env } from "@/lib/env";
import { localBackend } from "./local-backend";
import type { SignUpInput } from "./schema";
import type { Session } from "./types";

/** Reads one cookie of the current request. */
export type CookieReader = (name: string) => string | undefined;

/**
 * Who signs people in: Kiln's built-in email + password auth (lib/auth/local-backend.ts) or
 * Supabase Auth (lib/auth/supabase-backend.ts). Both end in verified claims for the same
 * withRls; route handlers and pages call this interface and never ask which one is running.
 */
export interface AuthBackend {
  readonly name: "local" | "supabase";
  /** False when passwords are changed at the identity provider, not in Kiln's settings. */
  readonly managesPasswords: boolean;
  /** The request's verified claims and the organization it last chose, or null when signed out. */
  readSession(cookie: CookieReader): Promise<{ claims: Claims & { sub: string }; preferredOrgId?: string } | null>;
  /** Checks the password and answers with the session cookies set (401/429 otherwise). */
  signIn(credentials: { email: string; password: string }, request: Request): Promise<Response>;
  /** Creates the account (or starts its confirmation by email), rate-limited per client. */
  signUp(input: SignUpInput, request: Request): Promise<Response>;
  /** Ends this session; a request without one is fine. */
  signOut(session: Session | null): Promise<void>;
  /** Ends every session of the user; answers how many were revoked when the backend knows. */
  signOutEverywhere(session: Session): Promise<number | null>;
  /** Changes the password and signs out the user's other sessions (409 where the provider owns passwords). */
  changePassword(session: Session, current: string, next: string): Promise<void>;
  /** The raw token of an emailed reset link, or null when the address has no account. */
  createPasswordReset(email: string): Promise<string | null>;
  /** Sets a new password from a reset link's token. */
  resetPassword(token: string, newPassword: string): Promise<void>;
  /** Makes `orgId` the session's current organization (the switcher); false when the user may not. */
  switchOrganization(session: Session, orgId: string): Promise<boolean>;
  /** After the user created or joined `orgId`: work in it from now on, where the backend keeps a current organization per session. */
  enterOrganization(session: Session, orgId: string): Promise<void>;
}

let chosen: Promise<AuthBackend> | undefined;

/**
 * The configured backend, chosen once per process: Supabase Auth when both
 * NEXT_PUBLIC_SUPABASE_* variables are set, the built-in backend otherwise. The only
 * place that asks which one is configured.
 */
export function authBackend(): Promise<AuthBackend> {
  const config = env();
  // The Supabase client is loaded only when it is used, so built-in installs never bundle or start it.
  chosen ??=
    config.NEXT_PUBLIC_SUPABASE_URL && config.NEXT_PUBLIC_SUPABASE_ANON_KEY
      ? import("./supabase-backend").then((m) => m.supabaseBackend)
      : Promise.resolve(localBackend);
  return chosen;
}
