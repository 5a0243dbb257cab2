import { setSessionCookie } from "@/lib/auth/cookies";
import { signUp } from "@/lib/auth/local";
import { signUpSchema } from "@/lib/auth/schema";
import { isSupabaseAuth } from "@/lib/env";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none", body: signUpSchema }, async ({ body, request }) => {
  if (isSupabaseAuth()) {
    const { supabaseSignUp } = await import("@/lib/auth/supabase-actions");
    return supabaseSignUp(body);
  }
  const issued = await signUp(body, request.headers.get("user-agent"));
  return setSessionCookie(Response.json({ userId: issued.userId, orgId: issued.orgId }, { status: 201 }), issued.token);
});
