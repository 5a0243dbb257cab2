import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Inserts a user the way Supabase Auth does (auth.users, bcrypt hash in
 * encrypted_password, full_name in raw_user_meta_data); the profile row follows from
 * the on_auth_user_created trigger. Must run as the service role.
 */
export async function insertAuthUser(
  tx: Tx,
  user: { email: string; passwordHash: string; fullName: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into auth.users (email, encrypted_password, email_confirmed_at, aud, role, raw_app_meta_data, raw_user_meta_data)
     values ($1, $2, now(), 'authenticated', 'authenticated', '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', $3::text))
     returning id`,
    [user.email.toLowerCase(), user.passwordHash, user.fullName],
  );
  return rows[0]!.id;
}

/** The signed-in user's own display name; RLS limits the row to `auth.uid()`. */
export async function updateOwnProfile(tx: Tx, profile: { fullName: string }): Promise<void> {
  await tx.query("update public.profiles set full_name = $1 where id = (select auth.uid())", [profile.fullName]);
}
