import { env } from "@/lib/env";
import { SESSION_TTL_SECONDS } from "./jwt";
import { SESSION_COOKIE } from "./session";

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
  response.headers.append("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure() ? "; Secure" : ""}`);
  return response;
}
