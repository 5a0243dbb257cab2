import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";
import type { Claims } from "@/lib/db";

/** Built-in auth's session token: Supabase's claim shape plus the id of its user_sessions row. */
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 30;
const ISSUER = "kiln";
const AUDIENCE = "authenticated";

const key = () => new TextEncoder().encode(env().AUTH_SECRET);

export async function signSessionToken(input: { userId: string; email: string; sessionId: string }): Promise<string> {
  return new SignJWT({ email: input.email, role: "authenticated", session_id: input.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(input.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
    .sign(key());
}

/** Returns the verified claims, or null for anything forged, expired or malformed. */
export async function verifySessionToken(
  token: string,
): Promise<(Claims & { sub: string; session_id: string }) | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.session_id !== "string" || payload.role !== "authenticated")
      return null;
    return {
      sub: payload.sub,
      email: String(payload.email ?? ""),
      role: "authenticated",
      session_id: payload.session_id,
    };
  } catch {
    return null;
  }
}
