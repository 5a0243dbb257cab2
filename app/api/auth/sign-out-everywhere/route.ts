import { authBackend } from "@/lib/auth/backend";
import { clearSessionCookie } from "@/lib/auth/cookies";
import { route } from "@/lib/http/route";

export const POST = route({}, async ({ session }) => {
  const revoked = await (await authBackend()).signOutEverywhere(session);
  return clearSessionCookie(Response.json({ revoked }));
});
