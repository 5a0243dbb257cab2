import { cookies } from "next/headers";
import { switchOrganization } from "@/lib/auth/local";
import { ORG_COOKIE } from "@/lib/auth/session";
import { isSupabaseAuth } from "@/lib/env";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { switchOrganizationSchema } from "@/lib/orgs/schema";

/** The org switcher: makes another of the user's organizations the current one. */
export const PUT = route({ body: switchOrganizationSchema }, async ({ session, body }) => {
  const membership = session.memberships.find((m) => m.orgId === body.orgId);
  if (!membership) throw notFound("You are not a member of that organization.");
  if (isSupabaseAuth() || !session.sessionId) {
    (await cookies()).set(ORG_COOKIE, body.orgId, { httpOnly: true, sameSite: "lax", path: "/", secure: process.env.NODE_ENV === "production" });
  } else if (!(await switchOrganization(session.claims, session.sessionId, body.orgId))) {
    throw notFound("You are not a member of that organization.");
  }
  return { organization: membership };
});
