import { changePassword } from "@/lib/auth/local";
import { changePasswordSchema } from "@/lib/auth/schema";
import { isSupabaseAuth } from "@/lib/env";
import { HttpError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

/** Changes the password; every other session is signed out. */
export const PATCH = route({ body: changePasswordSchema }, async ({ session, body }) => {
  if (isSupabaseAuth()) throw new HttpError(409, "Managed by Supabase", "Change your password through Supabase Auth.");
  await changePassword(session.user.id, session.sessionId, body.currentPassword, body.newPassword);
  return { ok: true };
});
