import { authBackend } from "@/lib/auth/backend";
import { clearSessionCookie } from "@/lib/auth/cookies";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none" }, async ({ session }) => {
  await (await authBackend()).signOut(session);
  return clearSessionCookie(Response.json({ ok: true }));
});
