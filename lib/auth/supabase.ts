import "server-only";
import { createServerClient } from "@supabase/ssr";
import { cookies } from "next/headers";
import type { Claims } from "@/lib/db";
import { env } from "@/lib/env";

/** A Supabase client bound to this request's cookies; created per request, never shared. */
export async function supabaseServerClient() {
  const store = await cookies();
  const config = env();
  return createServerClient(config.NEXT_PUBLIC_SUPABASE_URL!, config.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: {
      getAll: () => store.getAll(),
      setAll: (toSet) => {
        try {
          for (const { name, value, options } of toSet) store.set(name, value, options);
        } catch {
          // Server components cannot set cookies; the proxy refreshes the session instead.
        }
      },
    },
  });
}

/**
 * Verified claims from Supabase Auth. getClaims() checks the JWT's signature (against
 * the project's JWKS, or the Auth server for symmetric keys); a cookie is never trusted as is.
 */
export async function supabaseClaims(): Promise<(Claims & { sub: string }) | null> {
  const supabase = await supabaseServerClient();
  const { data, error } = await supabase.auth.getClaims();
  if (error || !data?.claims?.sub) return null;
  const claims = data.claims as Record<string, unknown>;
  return { ...claims, sub: String(claims.sub), email: String(claims.email ?? ""), role: "authenticated" };
}
