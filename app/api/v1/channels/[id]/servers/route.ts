import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { removeMailboxCredentials, saveMailboxCredentials } from "@/lib/channels/mailbox-credentials";
import { mailboxCredentialsSchema } from "@/lib/channels/schema";
import { route, uuidParam } from "@/lib/http/route";

/** Connects a mailbox to its own IMAP and SMTP servers (passwords sealed; answered only as "set"). */
export const PUT = route(
  { role: MIN_ROLE.manageChannels, params: z.object({ id: uuidParam }), body: mailboxCredentialsSchema },
  async ({ org, params, body, rls, user }) =>
    Response.json({ connection: await rls((tx) => saveMailboxCredentials(tx, user.id, org.orgId, params.id, body)) }),
);

/** Disconnects it: mail comes by the webhook again, replies through SMTP_URL or the sandbox. */
export const DELETE = route(
  { role: MIN_ROLE.manageChannels, params: z.object({ id: uuidParam }) },
  async ({ org, params, rls, user }) => {
    await rls((tx) => removeMailboxCredentials(tx, user.id, org.orgId, params.id));
    return new Response(null, { status: 204 });
  },
);
