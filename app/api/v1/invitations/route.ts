import { withRls } from "@/lib/db";
import { sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { forbidden } from "@/lib/http/errors";
import { requireOrg, route } from "@/lib/http/route";
import { createInvitation, invitationLink, listInvitations } from "@/lib/orgs/invitations";
import { inviteSchema } from "@/lib/orgs/schema";

export const GET = route({ role: "admin" }, async ({ session }) => {
  const org = requireOrg(session);
  return { invitations: await withRls(session.claims, (tx) => listInvitations(tx, org.orgId)) };
});

/**
 * Invites by email. With SMTP_URL the link is emailed; without it the inviter gets the
 * link to pass on (and it is logged), so inviting works on a machine with no mail server.
 */
export const POST = route({ role: "admin", body: inviteSchema }, async ({ session, body, log }) => {
  const org = requireOrg(session);
  if (body.role === "owner" && org.role !== "owner") throw forbidden("Only an owner can invite another owner.");
  const { id, token } = await withRls(session.claims, (tx) => createInvitation(tx, session.user.id, org.orgId, body.email, body.role));
  const link = invitationLink(env().APP_URL, token);
  const inviter = session.user.fullName || session.user.email;
  const emailed = await sendEmail({
    to: body.email,
    subject: `${inviter} invited you to ${org.orgName} on Kiln`,
    text: `${inviter} invited you to join ${org.orgName} on Kiln as ${body.role}.\n\nAccept within 7 days:\n${link}\n`,
  }).catch((error) => {
    log.warn({ err: error, invitationId: id }, "invitation email failed; showing the link instead");
    return false;
  });
  if (!emailed) log.info({ invitationId: id, link }, "invitation link (no SMTP_URL: pass it on by hand)");
  return Response.json({ invitation: { id, email: body.email, role: body.role }, emailed, ...(emailed ? {} : { link }) }, { status: 201 });
});
