import "server-only";
import { database } from "./client";
import type { Claims, Tx } from "./types";

export type { CamelRow, Claims, Json, TableRow, Tx } from "./types";

/**
 * Runs `fn` as the caller, exactly as Supabase's PostgREST does: in one transaction
 * with `request.jwt.claims` and the role set locally, so every RLS policy applies
 * and `auth.uid()` / `auth.jwt()` answer the same on PGlite, PostgreSQL and Supabase.
 */
export async function withRls<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const driver = await database();
  return driver.transaction(async (tx) => {
    await actAs(tx, claims);
    return fn(tx);
  });
}

/**
 * Switches the rest of a transaction to act as `claims` (or as the service role).
 * Lets one transaction do a service step and then a user step atomically, e.g. sign-up
 * creates the auth user and then creates the organization as that user.
 */
export async function actAs(tx: Tx, claims: Claims | "service_role"): Promise<void> {
  if (claims === "service_role") {
    await tx.query(
      `select set_config('request.jwt.claims', '{"role":"service_role"}', true), set_config('role', 'service_role', true)`,
    );
    return;
  }
  await tx.query("select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)", [
    JSON.stringify(claims),
    claims.role === "authenticated" ? "authenticated" : "anon",
  ]);
}

/** Runs `fn` as an anonymous visitor (public pages such as an invitation preview). */
export function withAnon<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRls({ role: "anon" }, fn);
}

/**
 * BYPASSES ROW-LEVEL SECURITY. Runs `fn` as `service_role`. Only for callers that
 * have already been verified and whose tenant is resolved: signed webhooks, jobs,
 * and built-in auth's own bookkeeping (sign-in, sessions, throttling) before a user
 * exists in the request. Never with ids taken unchecked from a request.
 */
export async function withService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const driver = await database();
  return driver.transaction(async (tx) => {
    await actAs(tx, "service_role");
    return fn(tx);
  });
}
