import { setSessionCookie } from "@/lib/auth/cookies";
import { mayShowDevLink } from "@/lib/auth/dev-link";
import { EVERYONE, SIGN_UPS_GLOBAL, SIGN_UPS_PER_ADDRESS, SIGN_UPS_PER_EMAIL } from "@/lib/auth/limits";
import { requestSignUp, signUpWithInvitation } from "@/lib/auth/local";
import { signUpSchema } from "@/lib/auth/schema";
import { sendEmail } from "@/lib/email/send";
import { env, isSupabaseAuth } from "@/lib/env";
import { clientAddress, enforce, hashedKey } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";

/**
 * With an invitation the account is created at once (the invitation went to this address).
 * Otherwise the answer is 202 whether or not the address has an account, so sign-up tells
 * nobody who has one: a new address gets a link that creates the account, a known one an
 * email saying someone tried to sign up with it.
 */
export const POST = route({ auth: "none", body: signUpSchema }, async ({ body, request }) => {
  const address = clientAddress(request);
  if (isSupabaseAuth()) {
    await enforce([{ limit: SIGN_UPS_PER_ADDRESS, key: address }]);
    const { supabaseSignUp } = await import("@/lib/auth/supabase-actions");
    return supabaseSignUp(body);
  }
  if (body.inviteToken) {
    await enforce([{ limit: SIGN_UPS_PER_ADDRESS, key: address }]);
    const issued = await signUpWithInvitation({ ...body, inviteToken: body.inviteToken }, request.headers.get("user-agent"));
    return setSessionCookie(Response.json({ userId: issued.userId, orgId: issued.orgId }, { status: 201 }), issued.token);
  }
  await enforce([
    { limit: SIGN_UPS_PER_ADDRESS, key: address },
    { limit: SIGN_UPS_PER_EMAIL, key: hashedKey(body.email) },
    { limit: SIGN_UPS_GLOBAL, key: EVERYONE },
  ]);
  const outcome = await requestSignUp(body);
  const appUrl = env().APP_URL.replace(/\/$/, "");
  if (outcome.existing) {
    await sendEmail({
      to: body.email,
      subject: "Someone tried to create a Kiln account with your email",
      text: `Someone tried to create a new Kiln account with this email address, which already has one. Nothing was changed.\n\nIf it was you, sign in instead:\n${appUrl}/sign-in\n\nForgot your password? Reset it here:\n${appUrl}/forgot-password\n\nIf it was not you, you can ignore this email.`,
    });
    return Response.json({ ok: true, confirmEmail: true }, { status: 202 });
  }
  const link = `${appUrl}/sign-up/confirm?token=${outcome.token}`;
  const emailed = await sendEmail({
    to: body.email,
    subject: "Confirm your email to create your Kiln account",
    text: `Open this link within 24 hours to create your Kiln account:\n${link}\n\nIf you did not sign up for Kiln, ignore this email; no account is created.`,
  });
  return Response.json({ ok: true, confirmEmail: true, ...(mayShowDevLink(request, emailed) ? { devLink: link } : {}) }, { status: 202 });
});
