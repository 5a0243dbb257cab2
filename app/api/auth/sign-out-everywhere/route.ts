import { clearSessionCookie } from "@/lib/auth/cookies";
import { signOutEverywhere } from "@/lib/auth/local";
import { isSupabaseAuth } from "@/lib/env";
import { route } from "@/lib/http/route";

export const POST = route({}, async ({ session }) => {
  if (isSupabaseAuth()) {
    const { supabaseSignOut } = await import("@/lib/auth/supabase-actions");
    await supabaseSignOut("global");
    return clearSessionCookie(Response.json({ revoked: null }));
  }
  const revoked = await signOutEverywhere(session.claims);
  return clearSessionCookie(Response.json({ revoked }));
});
