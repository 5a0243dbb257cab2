import { sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { forbidden } from "@/lib/http/errors";
import { translatorFor } from "@/lib/i18n/translator";
import { enforce, hashedKey } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { createInvitation, invitationLink, listInvitations } from "@/lib/orgs/invitations";
import { INVITATIONS_PER_EMAIL, INVITATIONS_PER_ORGANIZATION } from "@/lib/orgs/invitation-limits";
import { inviteSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const GET = route({ role: MIN_ROLE.inviteMembers }, async ({ org, rls }) => ({
  invitations: await rls((tx) => listInvitations(tx, org.orgId)),
}));

/**
 * Invites by email. With SMTP_URL the link is emailed; without it the inviter gets the
 * link to pass on, so inviting works on a machine with no mail server.
 */
export const POST = route(
  { role: MIN_ROLE.inviteMembers, body: inviteSchema },
  async ({ org, body, locale, log, rls, user }) => {
    if (body.role === "owner" && org.role !== "owner") throw forbidden("ownerInvitesOwner");
    await enforce([
      { limit: INVITATIONS_PER_ORGANIZATION, key: org.orgId },
      { limit: INVITATIONS_PER_EMAIL, key: hashedKey(body.email) },
    ]);
    const { id, token } = await rls((tx) => createInvitation(tx, user.id, org.orgId, body.email, body.role));
    const link = invitationLink(env().APP_URL, token);
    // The invitee has no language setting yet: the invitation is written in the inviter's.
    const t = translatorFor(await locale(), "emails");
    const values = { inviter: user.fullName || user.email, organization: org.orgName, role: body.role, link };
    const emailed = await sendEmail({
      to: body.email,
      subject: t("invitationSubject", values),
      text: t("invitationText", values),
    }).catch((error) => {
      log.warn({ err: error, invitationId: id }, "invitation email failed; showing the link instead");
      return false;
    });
    // Never the link: it holds a working token (up to owner), and logs travel further than the inviter.
    if (!emailed) log.info({ invitationId: id }, "invitation not emailed: the inviter got the link to pass on");
    return Response.json(
      { invitation: { id, email: body.email, role: body.role }, emailed, ...(emailed ? {} : { link }) },
      { status: 201 },
    );
  },
);
