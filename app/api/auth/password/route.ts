import { authBackend } from "@/lib/auth/backend";
import { changePasswordSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

/** Changes the password; every other session is signed out. */
export const PATCH = route({ body: changePasswordSchema }, async ({ session, body }) => {
  await (await authBackend()).changePassword(session, body.currentPassword, body.newPassword);
  return { ok: true };
});
