import "server-only";
import { sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { requestLocale } from "@/lib/http/locale";
import { clientAddress, enforce, hashedKey } from "@/lib/http/rate-limit";
import { translatorFor } from "@/lib/i18n/translator";
import type { AuthBackend } from "./backend";
import { rememberOrganization, SESSION_COOKIE, setSessionCookie } from "./cookies";
import { mayShowDevLink } from "./dev-link";
import { verifySessionToken } from "./jwt";
import { EVERYONE, SIGN_UPS_GLOBAL, SIGN_UPS_PER_ADDRESS, SIGN_UPS_PER_EMAIL } from "./limits";
import {
  changePassword,
  createPasswordReset,
  requestSignUp,
  resetPassword,
  signIn,
  signOut,
  signOutEverywhere,
  signUpWithInvitation,
  switchOrganization,
} from "./local";

/**
 * Built-in email + password auth (lib/auth/local.ts): a signed JWT in an httpOnly cookie
 * backed by a user_sessions row, which also holds the current organization.
 */
export const localBackend: AuthBackend = {
  name: "local",
  managesPasswords: true,

  async readSession(cookie) {
    const token = cookie(SESSION_COOKIE);
    const claims = token ? await verifySessionToken(token) : null;
    return claims ? { claims } : null;
  },

  async signIn({ email, password }, request) {
    const issued = await signIn(email, password, request.headers.get("user-agent"), clientAddress(request));
    return setSessionCookie(Response.json({ userId: issued.userId, orgId: issued.orgId }), issued.token);
  },

  /**
   * With an invitation the account is created at once (the invitation went to this address).
   * Otherwise the answer is 202 whether or not the address has an account, so sign-up tells
   * nobody who has one: a new address gets a link that creates the account, a known one an
   * email saying someone tried to sign up with it.
   */
  async signUp(input, request) {
    const address = clientAddress(request);
    if (input.inviteToken) {
      await enforce([{ limit: SIGN_UPS_PER_ADDRESS, key: address }]);
      const issued = await signUpWithInvitation(
        { ...input, inviteToken: input.inviteToken },
        request.headers.get("user-agent"),
      );
      return setSessionCookie(
        Response.json({ userId: issued.userId, orgId: issued.orgId }, { status: 201 }),
        issued.token,
      );
    }
    await enforce([
      { limit: SIGN_UPS_PER_ADDRESS, key: address },
      { limit: SIGN_UPS_PER_EMAIL, key: hashedKey(input.email) },
      { limit: SIGN_UPS_GLOBAL, key: EVERYONE },
    ]);
    const outcome = await requestSignUp(input);
    const appUrl = env().APP_URL.replace(/\/$/, "");
    // In the language of the sign-up page: the person has no account (or is signed out).
    const t = translatorFor(requestLocale(request), "emails");
    if (outcome.existing) {
      await sendEmail({
        to: input.email,
        subject: t("signUpExistingSubject"),
        text: t("signUpExistingText", { signInUrl: `${appUrl}/sign-in`, resetUrl: `${appUrl}/forgot-password` }),
      });
      return Response.json({ ok: true, confirmEmail: true }, { status: 202 });
    }
    const link = `${appUrl}/sign-up/confirm?token=${outcome.token}`;
    const emailed = await sendEmail({
      to: input.email,
      subject: t("signUpConfirmSubject"),
      text: t("signUpConfirmText", { link }),
    });
    return Response.json(
      { ok: true, confirmEmail: true, ...(mayShowDevLink(request, emailed) ? { devLink: link } : {}) },
      { status: 202 },
    );
  },

  async signOut(session) {
    if (session?.sessionId) await signOut(session.claims, session.sessionId);
  },

  signOutEverywhere: (session) => signOutEverywhere(session.claims),

  changePassword: (session, current, next) => changePassword(session.user.id, session.sessionId, current, next),

  createPasswordReset,
  resetPassword,

  async switchOrganization(session, orgId) {
    // Claims without a session row keep the choice in a cookie, as Supabase sessions do.
    if (!session.sessionId) {
      await rememberOrganization(orgId);
      return true;
    }
    return switchOrganization(session.claims, session.sessionId, orgId);
  },

  async enterOrganization(session, orgId) {
    if (session.sessionId) await switchOrganization(session.claims, session.sessionId, orgId);
  },
};
