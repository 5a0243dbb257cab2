/**
 * "Test connection" for a mailbox's saved servers: IMAP logs in and opens the folder, SMTP logs
 * in (nothing is sent). Each side answers ok or one error kind, which Settings translates.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { defineLimit, enforce } from "@/lib/http/rate-limit";
import { mailboxConnection, mailboxServers } from "./mailbox-credentials";
import { testImapConnection, type ConnectionCheck } from "./mailbox-imap";
import { testSmtpConnection } from "./mailbox-smtp";

/**
 * Each test opens connections to a host an admin typed; bounded so the action cannot be used to
 * probe many hosts and ports (the guard already keeps it off private networks).
 */
export const MAILBOX_TESTS_PER_ORGANIZATION = defineLimit({
  scope: "mailbox-test:organization",
  windowSeconds: 10 * 60,
  max: 30,
  message: "limitMailboxTests",
});

type Check = { ok: true } | { ok: false; kind: Extract<ConnectionCheck, { ok: false }>["kind"] };
export type ServersCheck = { imap: Check | null; smtp: Check | null };

// The server's own words stay in the log: they may echo the user name or internal host names.
const publicCheck = (check: ConnectionCheck): Check => (check.ok ? { ok: true } : { ok: false, kind: check.kind });

export async function testMailboxServers(
  rls: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  orgId: string,
  channelId: string,
  timeoutMs?: number,
): Promise<ServersCheck> {
  // Under RLS first: only the organization's admins see the row, so only they get to the passwords.
  if (!(await rls((tx) => mailboxConnection(tx, orgId, channelId)))) throw notFound();
  await enforce([{ limit: MAILBOX_TESTS_PER_ORGANIZATION, key: orgId }]);
  const servers = await mailboxServers(orgId, channelId);
  if (!servers) throw notFound();
  const [imap, smtp] = await Promise.all([
    servers.imap ? testImapConnection(servers.imap, timeoutMs).then(publicCheck) : null,
    servers.smtp ? testSmtpConnection(servers.smtp, timeoutMs).then(publicCheck) : null,
  ]);
  return { imap, smtp };
}
