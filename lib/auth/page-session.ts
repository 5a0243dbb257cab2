import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNext } from "@/lib/client/safe-next";
import { getSession, type Membership, type Session } from "./session";

export type OrgSession = Session & { org: Membership };

/**
 * For pages of the signed-in product. Next renders a layout and its page in parallel,
 * so every page checks for itself: signed out → sign-in (and back here afterwards),
 * no organization → onboarding.
 */
export async function requireOrgSession(): Promise<OrgSession> {
  const session = await getSession();
  if (!session) {
    // Set by proxy.ts, but requests it skips (prefetches) carry whatever the client sent.
    const path = safeNext((await headers()).get("x-pathname"));
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  if (!session.org) redirect("/onboarding");
  return session as OrgSession;
}
