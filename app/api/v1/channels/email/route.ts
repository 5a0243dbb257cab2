import { createMailbox } from "@/lib/channels/mailboxes";
import { listMailboxConnections } from "@/lib/channels/mailbox-credentials";
import { createMailboxSchema } from "@/lib/channels/schema";
import { inboundEmailOverview } from "@/lib/email/settings";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";

/** Inbound email for admins: the signed webhook's URL and secret, and the organization's mailboxes. */
export const GET = route({ role: MIN_ROLE.manageChannels }, async ({ org, rls }) =>
  Response.json(
    await rls(async (tx) => ({
      ...(await inboundEmailOverview(tx, org.orgId)),
      // Mailboxes connected to their own IMAP / SMTP servers (no passwords), and how the last poll went.
      connections: await listMailboxConnections(tx, org.orgId),
    })),
  ),
);

/** Adds a mailbox (an email channel). */
export const POST = route(
  { role: MIN_ROLE.manageChannels, body: createMailboxSchema },
  async ({ org, body, rls, user }) => {
    const mailbox = await rls((tx) => createMailbox(tx, user.id, org.orgId, body));
    return Response.json({ mailbox }, { status: 201 });
  },
);
