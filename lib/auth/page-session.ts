import { headers } from "next/headers";
import { redirect } from "next/navigation";
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
    const path = (await headers()).get("x-pathname") ?? "/dashboard";
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  if (!session.org) redirect("/onboarding");
  return session as OrgSession;
}
