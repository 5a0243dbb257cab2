import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { testMailboxServers } from "@/lib/channels/mailbox-test";
import { route, uuidParam } from "@/lib/http/route";

/** "Test connection": logs in to the mailbox's saved IMAP and SMTP servers and answers each side's outcome. */
export const POST = route(
  { role: MIN_ROLE.manageChannels, params: z.object({ id: uuidParam }) },
  async ({ org, params, rls }) => Response.json(await testMailboxServers(rls, org.orgId, params.id)),
);
