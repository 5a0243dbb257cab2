import { authBackend } from "@/lib/auth/backend";
import { mayShowDevLink } from "@/lib/auth/dev-link";
import { EVERYONE, RESETS_GLOBAL, RESETS_PER_ADDRESS, RESETS_PER_EMAIL } from "@/lib/auth/limits";
import { resetRequestSchema } from "@/lib/auth/schema";
import { sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { clientAddress, enforce, hashedKey } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * Always answers the same, so the form does not reveal who has an account. Limited per
 * client, per address and overall, so it cannot be used to flood an inbox. Without SMTP in
 * development the link is returned for the page to show, to a request from this machine only.
 */
export const POST = route({ auth: "none", body: resetRequestSchema }, async ({ body, locale, request }) => {
  await enforce([
    { limit: RESETS_PER_ADDRESS, key: clientAddress(request) },
    { limit: RESETS_PER_EMAIL, key: hashedKey(body.email) },
    { limit: RESETS_GLOBAL, key: EVERYONE },
  ]);
  const token = await (await authBackend()).createPasswordReset(body.email);
  let devLink: string | undefined;
  if (token) {
    const link = `${env().APP_URL.replace(/\/$/, "")}/reset-password?token=${token}`;
    // In the language of the form it was asked from: whoever asked is signed out.
    const t = translatorFor(await locale(), "emails");
    const sent = await sendEmail({
      to: body.email,
      subject: t("passwordResetSubject"),
      text: t("passwordResetText", { link }),
    });
    if (mayShowDevLink(request, sent)) devLink = link;
  }
  return Response.json({ ok: true, ...(devLink ? { devLink } : {}) }, { status: 202 });
});
