import "server-only";
/**
 * Supabase Auth. The Supabase client writes its session cookies through next/headers;
 * Kiln's own tables are then reached with the verified claims through the same withRls as
 * built-in auth. Password resets keep going through Kiln's own emailed link (lib/auth/local.ts),
 * as they did before this backend had an interface.
 */
import { withRls } from "@/lib/db";
import { conflict, HttpError, tooManyRequests, unauthorized } from "@/lib/http/errors";
import { clientAddress, enforce } from "@/lib/http/rate-limit";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { createOrganization } from "@/lib/orgs/organization";
import type { AuthBackend } from "./backend";
import { ORG_COOKIE, rememberOrganization } from "./cookies";
import { SIGN_UPS_PER_ADDRESS } from "./limits";
import { createPasswordReset, resetPassword } from "./local";
import { supabaseClaims, supabaseServerClient } from "./supabase";

async function signOut(scope: "local" | "global"): Promise<void> {
  const supabase = await supabaseServerClient();
  await supabase.auth.signOut({ scope });
}

export const supabaseBackend: AuthBackend = {
  name: "supabase",
  managesPasswords: false,

  async readSession(cookie) {
    const claims = await supabaseClaims();
    return claims ? { claims, preferredOrgId: cookie(ORG_COOKIE) } : null;
  },

  async signIn({ email, password }) {
    const supabase = await supabaseServerClient();
    const { data, error } = await supabase.auth.signInWithPassword({ email, password });
    if (error || !data.user) {
      if (error?.status === 429) throw tooManyRequests(60, "tooManySignInAttempts");
      throw unauthorized("credentialsIncorrect");
    }
    return Response.json({ userId: data.user.id });
  },

  async signUp(input, request) {
    await enforce([{ limit: SIGN_UPS_PER_ADDRESS, key: clientAddress(request) }]);
    const supabase = await supabaseServerClient();
    const { data, error } = await supabase.auth.signUp({
      email: input.email,
      password: input.password,
      options: { data: { full_name: input.fullName } },
    });
    if (error) throw conflict(error.message, { email: [error.message] });
    if (!data.session) {
      // Email confirmation is on: the organization is created on first sign-in (onboarding).
      return Response.json({ userId: data.user?.id, confirmEmail: true }, { status: 201 });
    }
    const claims = await supabaseClaims();
    if (!claims) throw unauthorized();
    const orgId = await withRls(claims, (tx) =>
      input.inviteToken
        ? acceptInvitation(tx, claims.sub, input.inviteToken)
        : createOrganization(tx, claims.sub, input.organizationName ?? `${input.fullName}'s team`),
    );
    return Response.json({ userId: claims.sub, orgId }, { status: 201 });
  },

  signOut: () => signOut("local"),

  async signOutEverywhere() {
    await signOut("global");
    return null;
  },

  async changePassword() {
    throw new HttpError(409, "Managed by Supabase", "passwordViaSupabase");
  },

  createPasswordReset,
  resetPassword,

  async switchOrganization(_session, orgId) {
    await rememberOrganization(orgId);
    return true;
  },

  // The organization stays the one the switcher chose (its cookie), as sessions here have no row of ours.
  async enterOrganization() {},
};
