import "server-only";
import { env } from "@/lib/env";
import { SESSION_TTL_SECONDS } from "./jwt";

export const SESSION_COOKIE = "kiln_session";
/** Which organization the switcher chose, for sessions without a user_sessions row (Supabase Auth). */
export const ORG_COOKIE = "kiln_org";

const secure = () => env().NODE_ENV === "production";

/** httpOnly, SameSite=Lax, Secure in production; the JWT inside is verified on every request. */
export function setSessionCookie(response: Response, token: string): Response {
  response.headers.append(
    "set-cookie",
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_SECONDS}${secure() ? "; Secure" : ""}`,
  );
  return response;
}

export function clearSessionCookie(response: Response): Response {
  response.headers.append(
    "set-cookie",
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure() ? "; Secure" : ""}`,
  );
  return response;
}

/** Remembers the chosen organization in the response's cookies (inside a request only). */
export async function rememberOrganization(orgId: string): Promise<void> {
  // next/headers works only inside a request: scripts and tests importing this module never load it.
  const { cookies } = await import("next/headers");
  (await cookies()).set(ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: process.env.NODE_ENV === "production",
  });
}
