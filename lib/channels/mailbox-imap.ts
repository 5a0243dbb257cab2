/**
 * Reading a shared mailbox over IMAP (imapflow): each poll opens the folder read-only
 * (EXAMINE, so nothing is marked read for the team), takes the messages with a UID above the
 * cursor, and records each raw message as an `email` delivery of the inbound-event pipeline,
 * under the same key as the signed webhook (organization + Message-ID). Threading, lead
 * matching, HEAT, BANT, automatic replies and bounces are therefore the webhook's, and a
 * message that also arrived by the webhook (or a second poll) is stored once.
 *
 * The cursor is the folder's UIDVALIDITY and the last UID recorded. A different UIDVALIDITY
 * means the server renumbered the folder: the last 30 days are read again (the pipeline's
 * Message-ID key keeps that from filing anything twice). Polling is the default and only mode;
 * a minute's delay is what the schedule promises.
 */
import "server-only";
import { ImapFlow } from "imapflow";
import { MAX_INBOUND_EMAIL_BYTES, rawMessageId } from "@/lib/email/webhook";
import { deliveryKey } from "@/lib/email/parse";
import { recordInboundEvents } from "@/lib/inbound/events";
import { processInboundSoon } from "@/lib/inbound/queue";
import { logger } from "@/lib/log";
import { MAIL_TIMEOUT_MS, mailErrorKind, mailServerAddress, type MailErrorKind } from "./mailbox-connect";
import type { ClaimedImapMailbox, ImapConfig, PollOutcome } from "./mailbox-credentials";

/** What a resync (first poll, or a new UIDVALIDITY) reads. */
export const RESYNC_DAYS = 30;
/** Messages one poll records; the rest wait for the next poll (the cursor stops at the last one read). */
export const MESSAGES_PER_POLL = 100;

async function connect(config: ImapConfig, timeoutMs: number): Promise<ImapFlow> {
  const { address } = await mailServerAddress(config.host, config.port);
  const client = new ImapFlow({
    host: address,
    port: config.port,
    secure: config.tls,
    // The typed name, for the certificate: the socket goes to the address just checked.
    servername: config.host,
    auth: { user: config.user, pass: config.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 4,
  });
  // A dropped socket after connect() also surfaces as an 'error' event; unhandled, it would crash the worker.
  client.on("error", (err) => logger.warn({ err: err as Error }, "imap connection error"));
  await client.connect();
  return client;
}

async function closeQuietly(client: ImapFlow | null) {
  if (!client) return;
  try {
    await client.logout();
  } catch {
    client.close();
  }
}

export type ConnectionCheck = { ok: true } | { ok: false; kind: MailErrorKind; message: string };

/** "Test connection": log in and open the folder read-only. */
export async function testImapConnection(config: ImapConfig, timeoutMs = MAIL_TIMEOUT_MS): Promise<ConnectionCheck> {
  let client: ImapFlow | null = null;
  try {
    client = await connect(config, timeoutMs);
    await client.mailboxOpen(config.folder, { readOnly: true });
    return { ok: true };
  } catch (error) {
    return { ok: false, kind: mailErrorKind(error), message: (error as Error).message.slice(0, 300) };
  } finally {
    await closeQuietly(client);
  }
}

export type PollReport = PollOutcome & { seen: number; recorded: string[]; resync: boolean };

/**
 * One poll of a claimed mailbox. Never throws: a failure is an outcome with its kind, and the
 * cursor stays where the last recorded message left it.
 */
export async function pollImapMailbox(mailbox: ClaimedImapMailbox, timeoutMs = MAIL_TIMEOUT_MS): Promise<PollReport> {
  let client: ImapFlow | null = null;
  let uidValidity: bigint | undefined;
  let lastUid = mailbox.lastUid;
  let seen = 0;
  let resync = false;
  const recorded: string[] = [];
  try {
    client = await connect(mailbox.imap, timeoutMs);
    const opened = await client.mailboxOpen(mailbox.imap.folder, { readOnly: true });
    uidValidity = opened.uidValidity;
    resync = mailbox.uidValidity === null || mailbox.uidValidity !== uidValidity;
    if (resync) lastUid = null;

    let uids: number[];
    if (resync) {
      const since = new Date(Date.now() - RESYNC_DAYS * 24 * 60 * 60 * 1000);
      uids = (await client.search({ since }, { uid: true })) || [];
    } else {
      // `n:*` always names the newest message, even below n: the filter keeps only new ones.
      uids = ((await client.search({ uid: `${lastUid! + 1}:*` }, { uid: true })) || []).filter((uid) => uid > lastUid!);
    }
    uids = [...new Set(uids)].sort((a, b) => a - b);
    const complete = uids.length <= MESSAGES_PER_POLL;
    uids = uids.slice(0, MESSAGES_PER_POLL);
    if (uids.length) {
      const sizes = new Map<number, number>();
      for await (const message of client.fetch(uids, { uid: true, size: true }, { uid: true }))
        sizes.set(message.uid, message.size ?? 0);
      const wanted = uids.filter((uid) => (sizes.get(uid) ?? 0) <= MAX_INBOUND_EMAIL_BYTES);
      const skipped = uids.length - wanted.length;
      if (skipped) logger.warn({ channelId: mailbox.channelId, skipped }, "imap messages over the size limit skipped");
      const sources = new Map<number, Buffer>();
      if (wanted.length)
        for await (const message of client.fetch(wanted, { uid: true, source: true }, { uid: true }))
          if (message.source) sources.set(message.uid, message.source);
      for (const uid of uids) {
        const raw = sources.get(uid);
        if (raw?.length) {
          seen += 1;
          const key = deliveryKey(mailbox.orgId, raw, rawMessageId(raw));
          const created = await recordInboundEvents(
            [
              {
                provider: "email",
                eventId: key,
                kind: "message",
                payload: { key, mime: raw.toString("base64"), mailbox: mailbox.address },
              },
            ],
            { headers: {}, orgId: mailbox.orgId },
          );
          recorded.push(...created);
        }
        lastUid = uid;
      }
    }
    // Everything below UIDNEXT has been looked at (or is older than the resync reads): later polls start there.
    if (complete && opened.uidNext) lastUid = Math.max(lastUid ?? 0, Number(opened.uidNext) - 1);
    processInboundSoon(recorded);
    return { ok: true, uidValidity, lastUid, seen, recorded, resync };
  } catch (error) {
    processInboundSoon(recorded);
    const kind = mailErrorKind(error);
    logger.warn({ err: error as Error, channelId: mailbox.channelId, kind }, "imap poll failed");
    return { ok: false, kind, uidValidity, lastUid, seen, recorded, resync };
  } finally {
    await closeQuietly(client);
  }
}
