import { setSessionCookie } from "@/lib/auth/cookies";
import { signIn } from "@/lib/auth/local";
import { signInSchema } from "@/lib/auth/schema";
import { isSupabaseAuth } from "@/lib/env";
import { clientAddress } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "none", body: signInSchema }, async ({ body, request }) => {
  if (isSupabaseAuth()) {
    const { supabaseSignIn } = await import("@/lib/auth/supabase-actions");
    return supabaseSignIn(body.email, body.password);
  }
  const issued = await signIn(body.email, body.password, request.headers.get("user-agent"), clientAddress(request));
  return setSessionCookie(Response.json({ userId: issued.userId, orgId: issued.orgId }), issued.token);
});
