import { createPasswordReset } from "@/lib/auth/local";
import { resetRequestSchema } from "@/lib/auth/schema";
import { sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";

/**
 * Always answers the same, so the form does not reveal who has an account. Without
 * SMTP in development, the link is returned for the page to show.
 */
export const POST = route({ auth: "none", body: resetRequestSchema }, async ({ body }) => {
  const token = await createPasswordReset(body.email);
  const config = env();
  let devLink: string | undefined;
  if (token) {
    const link = `${config.APP_URL.replace(/\/$/, "")}/reset-password?token=${token}`;
    const sent = await sendEmail({
      to: body.email,
      subject: "Reset your Kiln password",
      text: `Someone asked to reset the password of your Kiln account.\n\nOpen this link within an hour to choose a new one:\n${link}\n\nIf it was not you, ignore this email.`,
    });
    if (!sent && config.NODE_ENV !== "production") devLink = link;
  }
  return Response.json({ ok: true, ...(devLink ? { devLink } : {}) }, { status: 202 });
});
