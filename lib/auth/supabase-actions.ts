/**
 * Supabase Auth versions of sign-in, sign-up and sign-out. The Supabase client writes
 * its session cookies through next/headers; Kiln's own tables are then reached with
 * the verified claims through the same withRls as built-in auth.
 */
import { withRls } from "@/lib/db";
import { conflict, tooManyRequests, unauthorized } from "@/lib/http/errors";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { createOrganization } from "@/lib/orgs/organization";
import type { SignUpInput } from "./schema";
import { supabaseClaims, supabaseServerClient } from "./supabase";

export async function supabaseSignIn(email: string, password: string): Promise<Response> {
  const supabase = await supabaseServerClient();
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error || !data.user) {
    if (error?.status === 429) throw tooManyRequests(60, "Too many sign-in attempts. Try again later.");
    throw unauthorized("Email or password is incorrect.");
  }
  return Response.json({ userId: data.user.id });
}

export async function supabaseSignUp(input: SignUpInput): Promise<Response> {
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
}

export async function supabaseSignOut(scope: "local" | "global"): Promise<void> {
  const supabase = await supabaseServerClient();
  await supabase.auth.signOut({ scope });
}
