import type { AddressInfo } from "node:net";
import hoodiecrow from "hoodiecrow-imap";

/**
 * A real IMAP server on a local TCP port (hoodiecrow-imap, an in-memory IMAP4rev1 server made
 * for client tests) standing in for a team's mail server: one account, an INBOX the test fills,
 * and the one thing a real server does rarely but must be survived: renumbering the folder
 * (a new UIDVALIDITY).
 */
export async function startImapServer(account: { user: string; password: string }) {
  const server = hoodiecrow({
    plugins: ["ID", "UNSELECT", "ENABLE", "IDLE"],
    users: { [account.user]: { password: account.password } },
    storage: { INBOX: { uidvalidity: 1000, messages: [] } },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const inbox = () => server.getMailbox("INBOX");
  return {
    port: (server.server.address() as AddressInfo).port,
    /** Delivers a message into INBOX (received `at`, default now); answers its UID. */
    deliver(raw: Buffer | string, at = new Date()): number {
      return server.appendMessage("INBOX", [], at, raw.toString()).message.uid;
    },
    /** What a server does after restoring a backup or migrating storage: new UIDVALIDITY, UIDs from 1. */
    renumber(uidValidity: number) {
      const folder = inbox();
      folder.uidvalidity = uidValidity;
      folder.messages.forEach((message, i) => (message.uid = i + 1));
      folder.uidnext = folder.messages.length + 1;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
