import "server-only";
import { env } from "@/lib/env";
import { forbidden } from "@/lib/http/errors";
import type { Session } from "./session";

/**
 * Platform admins run the installation rather than an organization: KILN_PLATFORM_ADMINS
 * lists their emails. Built-in sign-up does not confirm addresses, so the operator signs
 * up with a listed email before anyone else can.
 */
export function isPlatformAdmin(session: Pick<Session, "user">): boolean {
  const listed = (env().KILN_PLATFORM_ADMINS ?? "")
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
  return listed.includes(session.user.email.toLowerCase());
}

export function requirePlatformAdmin(session: Pick<Session, "user">): void {
  if (!isPlatformAdmin(session)) throw forbidden("platformAdminsOnly");
}
