import { once } from "node:events";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testImapConnection } from "@/lib/channels/mailbox-imap";
import { testSmtpConnection } from "@/lib/channels/mailbox-smtp";
import { runMailboxPoll } from "@/lib/channels/mailbox-workers";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { team } from "../api/http";
import { startImapServer } from "./imap-server";
import { drained, mailroom, one, outbound, rfc822, threadOf, uniqueAddress, type Mailroom } from "./mail";

/**
 * A shared mailbox (sales@) connected by IMAP and SMTP: real servers on local ports stand in
 * for the team's mail server (hoodiecrow-imap for IMAP, smtp-server for SMTP with a login).
 * Mail read by the poll goes through the same pipeline as the webhook; replies leave through
 * the mailbox's own SMTP server; passwords are sealed and stay inside the organization.
 */

const IMAP = { user: "sales-team", password: "imap-secret-Pa55" };
const SMTP = { user: "sales-smtp", password: "smtp-secret-Pa55" };

type Received = { user: string | undefined; envelopeTo: string[]; raw: Buffer };
const received: Received[] = [];
const smtp = new SMTPServer({
  logger: false,
  disabledCommands: ["STARTTLS"],
  allowInsecureAuth: true,
  onAuth(auth, _session, callback) {
    if (auth.username === SMTP.user && auth.password === SMTP.password) return callback(null, { user: auth.username });
    callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({
        user: session.user as string | undefined,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks),
      });
      callback();
    });
  },
});
smtp.listen(0, "127.0.0.1");
await once(smtp.server, "listening");
const smtpPort = (smtp.server.address() as AddressInfo).port;

const imap = await startImapServer(IMAP);

const claimsOf = (person: { userId: string; email: string }) =>
  ({ sub: person.userId, email: person.email, role: "authenticated" }) as const;

let room: Mailroom;
let channelId: string;

const servers = (overrides: { imapPassword?: string; smtpPassword?: string } = {}) => ({
  imap: {
    host: "127.0.0.1",
    port: imap.port,
    tls: false,
    user: IMAP.user,
    password: overrides.imapPassword ?? IMAP.password,
  },
  smtp: {
    host: "127.0.0.1",
    port: smtpPort,
    security: "none",
    user: SMTP.user,
    password: overrides.smtpPassword ?? SMTP.password,
  },
});

const poll = async () => {
  const [report] = await runMailboxPoll({ channelId }, 3000);
  await drained();
  return report!;
};

const storedCount = (rfcMessageId: string) =>
  one<{ n: number }>("select count(*)::int as n from public.email_messages where org_id = $1 and rfc_message_id = $2", [
    room.t.orgId,
    rfcMessageId,
  ]).then((r) => r!.n);

const connectionOf = async () => {
  const overview = await room.t.admin.browser.get("/api/v1/channels/email");
  expect(overview.status).toBe(200);
  return (overview.body.connections as { channelId: string }[]).find((c) => c.channelId === channelId) as
    Record<string, unknown> | undefined;
};

beforeAll(async () => {
  // No relay: a mailbox without servers of its own sends in sandbox mode, as today.
  expect(env().SMTP_URL).toBeUndefined();
  room = await mailroom();
  const overview = await room.t.admin.browser.get("/api/v1/channels/email");
  channelId = (overview.body.mailboxes as { id: string; address: string }[]).find(
    (m) => m.address === room.mailbox,
  )!.id;
});

afterAll(async () => {
  await closeDatabase();
  await imap.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("connecting a shared mailbox", () => {
  it("refuses invalid servers with field errors, and a first connection without a password", async () => {
    const bad = await room.t.admin.browser.put(`/api/v1/channels/${channelId}/servers`, {
      imap: { host: "not a host", port: 70000, user: "", password: "x" },
      smtp: null,
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors)).toEqual(expect.arrayContaining(["imap.host", "imap.port", "imap.user"]));
    const noPassword = await room.t.admin.browser.put(`/api/v1/channels/${channelId}/servers`, {
      imap: { ...servers().imap, password: undefined },
      smtp: null,
    });
    expect(noPassword.status).toBe(422);
    expect(noPassword.body.errors).toHaveProperty(["imap.password"]);
  });

  it("a manager cannot connect a mailbox", async () => {
    const denied = await room.t.manager.browser.put(`/api/v1/channels/${channelId}/servers`, servers());
    expect(denied.status).toBe(403);
  });

  it("an admin connects IMAP and SMTP; the answer and Settings say only that passwords are set, and the test passes", async () => {
    const saved = await room.t.admin.browser.put(`/api/v1/channels/${channelId}/servers`, servers());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.connection).toMatchObject({
      imap: { host: "127.0.0.1", port: imap.port, tls: false, user: IMAP.user, folder: "INBOX", passwordSet: true },
      smtp: { host: "127.0.0.1", port: smtpPort, security: "none", user: SMTP.user, passwordSet: true },
    });
    expect(JSON.stringify(saved.body)).not.toContain(IMAP.password);
    expect(JSON.stringify(await connectionOf())).not.toContain(SMTP.password);

    const test = await room.t.admin.browser.post(`/api/v1/channels/${channelId}/servers/test`, {});
    expect(test.status).toBe(200);
    expect(test.body).toEqual({ imap: { ok: true }, smtp: { ok: true } });
  });

  it("passwords are sealed at rest: the row holds neither, and an admin cannot even select the sealed columns", async () => {
    const row = await one<{ row: string }>(
      "select m::text as row from public.mailbox_credentials m where channel_id = $1",
      [channelId],
    );
    expect(row!.row).not.toContain(IMAP.password);
    expect(row!.row).not.toContain(SMTP.password);
    const audit = await one<{ row: string }>(
      "select coalesce(string_agg(a::text, ' '), '') as row from public.audit_log a where org_id = $1",
      [room.t.orgId],
    );
    expect(audit!.row).not.toContain(IMAP.password);
    await expect(
      withRls(claimsOf(room.t.admin), (tx) =>
        tx.query("select imap_password_sealed from public.mailbox_credentials where channel_id = $1", [channelId]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("another organization can neither read, test nor change the credentials", async () => {
    const other = await team();
    const overview = await other.admin.browser.get("/api/v1/channels/email");
    expect(JSON.stringify(overview.body.connections)).not.toContain(channelId);
    expect((await other.admin.browser.post(`/api/v1/channels/${channelId}/servers/test`, {})).status).toBe(404);
    expect((await other.admin.browser.put(`/api/v1/channels/${channelId}/servers`, servers())).status).toBe(404);
    expect((await other.admin.browser.delete(`/api/v1/channels/${channelId}/servers`)).status).toBe(404);
    const visible = await withRls(claimsOf(other.owner), (tx) =>
      tx.query("select channel_id from public.mailbox_credentials where channel_id = $1", [channelId]),
    );
    expect(visible.rows).toHaveLength(0);
  });
});

describe("reading it over IMAP", () => {
  const lead = uniqueAddress("hanna");
  const firstId = `first-${lead}`;
  let conversationId: string;

  it("new mail is filed once, exactly as the webhook files it: a lead, a thread on this mailbox; a second poll adds nothing", async () => {
    imap.deliver(
      rfc822(
        { From: `Hanna Roth <${lead}>`, To: room.mailbox, Subject: "Heat pump offer", "Message-ID": `<${firstId}>` },
        "We need a heat pump for 180 m2 before winter. Budget around 20k.",
      ),
    );
    const report = await poll();
    expect(report).toMatchObject({ ok: true, seen: 1, resync: true });
    expect(report.recorded).toHaveLength(1);
    expect(await storedCount(firstId)).toBe(1);
    const thread = await threadOf(room, firstId);
    conversationId = thread!.conversation_id;
    const conversation = await one<{ channel_id: string; medium: string; lead_email: string }>(
      `select c.channel_id, c.medium, l.email as lead_email from public.conversations c join public.leads l on l.id = c.lead_id
        where c.id = $1`,
      [conversationId],
    );
    expect(conversation).toMatchObject({ channel_id: channelId, medium: "email", lead_email: lead });

    const again = await poll();
    expect(again).toMatchObject({ ok: true, seen: 0, recorded: [] });
    expect(await storedCount(firstId)).toBe(1);
    expect(await connectionOf()).toMatchObject({ lastErrorKind: null, lastPolledAt: expect.any(String) });
  });

  it("only messages above the cursor are read, and an answer threads into the same conversation", async () => {
    const secondId = `second-${lead}`;
    imap.deliver(
      rfc822(
        {
          From: `Hanna Roth <${lead}>`,
          To: room.mailbox,
          Subject: "Re: Heat pump offer",
          "Message-ID": `<${secondId}>`,
          "In-Reply-To": `<${firstId}>`,
          References: `<${firstId}>`,
        },
        "Also: can you install in October?",
      ),
    );
    const report = await poll();
    expect(report).toMatchObject({ ok: true, seen: 1, resync: false });
    expect((await threadOf(room, secondId))!.conversation_id).toBe(conversationId);
  });

  it("a new UIDVALIDITY resyncs the last 30 days without filing anything twice", async () => {
    const thirdId = `third-${lead}`;
    imap.renumber(2000);
    imap.deliver(
      rfc822(
        { From: `Hanna Roth <${lead}>`, To: room.mailbox, Subject: "One more", "Message-ID": `<${thirdId}>` },
        "Third.",
      ),
    );
    // Older than the resync window: not read again.
    imap.deliver(
      rfc822(
        {
          From: `Old <${uniqueAddress("old")}>`,
          To: room.mailbox,
          Subject: "Ancient",
          "Message-ID": `<ancient-${lead}>`,
        },
        "Old.",
      ),
      new Date(Date.now() - 60 * 24 * 60 * 60 * 1000),
    );
    const report = await poll();
    expect(report).toMatchObject({ ok: true, resync: true, uidValidity: 2000n });
    expect(report.seen).toBe(3); // the two known ones, met again, and the new one
    expect(report.recorded).toHaveLength(1);
    expect(await storedCount(firstId)).toBe(1);
    expect(await storedCount(thirdId)).toBe(1);
    expect(await storedCount(`ancient-${lead}`)).toBe(0);
    const cursor = await one<{ imap_uid_validity: string; imap_last_uid: string }>(
      "select imap_uid_validity::text, imap_last_uid::text from public.mailbox_credentials where channel_id = $1",
      [channelId],
    );
    expect(cursor).toEqual({ imap_uid_validity: "2000", imap_last_uid: "4" });
  });

  it("replies leave through the mailbox's own SMTP server, logged in as its user, threaded to the lead's latest email", async () => {
    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "Thanks Hanna, October works.",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await drained();
    const mails = received.filter((r) => r.envelopeTo.includes(lead));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.user).toBe(SMTP.user);
    const mail = await simpleParser(mails[0]!.raw);
    expect(mail.from?.value[0]?.address).toBe(room.mailbox);
    expect(mail.subject).toBe("Re: Heat pump offer");
    expect(mail.inReplyTo).toBe(`<second-${lead}>`);
    expect(mail.references).toEqual([`<${firstId}>`, `<second-${lead}>`]);
    expect(mail.text).toContain("Thanks Hanna, October works.");
    const stored = await outbound(sent.body.message.id);
    expect(stored).toMatchObject({ status: "sent", sandbox: false });
    // The thread says it is live, to a rep too, who never sees the servers.
    const detail = await room.t.rep.browser.get(`/api/v1/conversations/${conversationId}`);
    if (detail.status === 200) expect(detail.body.conversation.channel).toMatchObject({ sandbox: false });
    const admin = await room.t.admin.browser.get(`/api/v1/conversations/${conversationId}`);
    expect(admin.body.conversation.channel).toMatchObject({ sandbox: false });
    expect(mail.messageId).toBe(`<${stored!.rfc_message_id}>`);
  });

  it("a wrong password is reported as auth_failed by the test and recorded on the mailbox by the poll", async () => {
    const saved = await room.t.admin.browser.put(
      `/api/v1/channels/${channelId}/servers`,
      servers({ imapPassword: "wrong", smtpPassword: "wrong" }),
    );
    expect(saved.status).toBe(200);
    const test = await room.t.admin.browser.post(`/api/v1/channels/${channelId}/servers/test`, {});
    expect(test.body).toEqual({ imap: { ok: false, kind: "auth_failed" }, smtp: { ok: false, kind: "auth_failed" } });
    const report = await poll();
    expect(report).toMatchObject({ ok: false, kind: "auth_failed" });
    expect(await connectionOf()).toMatchObject({ lastErrorKind: "auth_failed" });
    // The cursor survives a failed poll: the same server and account, so nothing is read twice later.
    const cursor = await one<{ imap_last_uid: string }>(
      "select imap_last_uid::text from public.mailbox_credentials where channel_id = $1",
      [channelId],
    );
    expect(cursor!.imap_last_uid).toBe("4");
  });

  it("a host on a private network is refused, and an unreachable one is reported as such", async () => {
    const privateHost = await room.t.admin.browser.put(`/api/v1/channels/${channelId}/servers`, {
      imap: { ...servers().imap, host: "10.20.30.40" },
      smtp: null,
    });
    expect(privateHost.status).toBe(200);
    const test = await room.t.admin.browser.post(`/api/v1/channels/${channelId}/servers/test`, {});
    expect(test.body).toEqual({ imap: { ok: false, kind: "host_refused" }, smtp: null });

    const closedPort = await room.t.admin.browser.put(`/api/v1/channels/${channelId}/servers`, {
      imap: { ...servers().imap, port: 1 },
      smtp: null,
    });
    expect(closedPort.status).toBe(200);
    const unreachable = await room.t.admin.browser.post(`/api/v1/channels/${channelId}/servers/test`, {});
    expect(unreachable.body).toEqual({ imap: { ok: false, kind: "host_unreachable" }, smtp: null });
  });

  it("disconnected, the mailbox sends as before (sandbox without SMTP_URL)", async () => {
    expect((await room.t.admin.browser.delete(`/api/v1/channels/${channelId}/servers`)).status).toBe(204);
    const before = received.length;
    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "Sandbox now.",
    });
    expect(sent.status).toBe(201);
    await drained();
    expect(received.length).toBe(before);
    expect(await outbound(sent.body.message.id)).toMatchObject({ status: "sent", sandbox: true });
    const gone = await withService(
      async (tx) =>
        (await tx.query("select 1 from public.mailbox_credentials where channel_id = $1", [channelId])).rows,
    );
    expect(gone).toHaveLength(0);
  });
});

describe("what a failed connection is called", () => {
  it("TLS spoken to a plain server is a TLS error; a server that never greets is a timeout", async () => {
    const imapTls = await testImapConnection(
      { host: "127.0.0.1", port: imap.port, tls: true, user: IMAP.user, password: IMAP.password, folder: "INBOX" },
      3000,
    );
    expect(imapTls).toMatchObject({ ok: false, kind: "tls_error" });
    const smtpTls = await testSmtpConnection(
      { host: "127.0.0.1", port: smtpPort, security: "tls", user: SMTP.user, password: SMTP.password },
      3000,
    );
    expect(smtpTls).toMatchObject({ ok: false, kind: "tls_error" });

    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    const port = (silent.address() as AddressInfo).port;
    try {
      const imapSilent = await testImapConnection(
        { host: "127.0.0.1", port, tls: false, user: "x", password: "y", folder: "INBOX" },
        1000,
      );
      expect(imapSilent).toMatchObject({ ok: false, kind: "timeout" });
      const smtpSilent = await testSmtpConnection(
        { host: "127.0.0.1", port, security: "none", user: "x", password: "y" },
        1000,
      );
      expect(smtpSilent).toMatchObject({ ok: false, kind: "timeout" });
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
