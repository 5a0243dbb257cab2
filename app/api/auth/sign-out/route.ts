import { clearSessionCookie } from "@/lib/auth/cookies";
import { signOut } from "@/lib/auth/local";
import { isSupabaseAuth } from "@/lib/env";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none" }, async ({ session }) => {
  if (isSupabaseAuth()) {
    const { supabaseSignOut } = await import("@/lib/auth/supabase-actions");
    await supabaseSignOut("local");
  } else if (session?.sessionId) {
    await signOut(session.claims, session.sessionId);
  }
  return clearSessionCookie(Response.json({ ok: true }));
});
