import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { withRls, withService, type Claims } from "@/lib/db";

/**
 * Fixtures for integration tests. On the shared PostgreSQL test database every
 * file sees every other file's rows, so names and emails are always unique.
 */

export type Role = "owner" | "admin" | "manager" | "rep";

export type TestUser = {
  id: string;
  email: string;
  claims: Claims & { sub: string; email: string; role: "authenticated" };
};

export const TEST_PASSWORD = "kiln-test-password";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@kiln.test`.toLowerCase();
}

export const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

/** Inserts a user the way built-in auth does (bcrypt hash in auth.users); the trigger adds the profile. */
export async function createTestUser(
  options: { email?: string; password?: string; fullName?: string } = {},
): Promise<TestUser> {
  const email = (options.email ?? uniqueEmail()).toLowerCase();
  const hash = await bcrypt.hash(options.password ?? TEST_PASSWORD, 4);
  const id = await withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
       values ($1, $2, now(), jsonb_build_object('full_name', $3::text))
       returning id`,
      [email, hash, options.fullName ?? ""],
    );
    return rows[0]!.id;
  });
  return { id, email, claims: { sub: id, email, role: "authenticated" } };
}

/** Creates an organization as `owner` (through the same function the app calls); returns its id. */
export async function createTestOrg(owner: TestUser, name = uniqueName("Org")): Promise<string> {
  return withRls(owner.claims, async (tx) => {
    const { rows } = await tx.query<{ id: string }>("select private.create_organization($1) as id", [name]);
    return rows[0]!.id;
  });
}

export async function addMember(orgId: string, user: TestUser, role: Role): Promise<void> {
  await withService((tx) =>
    tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)", [orgId, user.id, role]),
  );
}
