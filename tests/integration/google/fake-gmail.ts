import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerGmailRead, type GmailHistoryChange } from "@/lib/integrations/google/sandbox/protocol";
import { startFakeGoogle, type FakeGoogle } from "./fake-google";

/**
 * A local stand-in for the Gmail API (v1) as far as the mailbox sync uses it, in front of the
 * OAuth stand-in (fake-google.ts): one origin serves both, as GOOGLE_OAUTH_BASE_URL promises, and
 * every path that is not Gmail's is passed to the OAuth server unchanged. Over real HTTP, for
 * Google's official client (the reads are answered by lib/integrations/google/sandbox/protocol.ts,
 * which Kiln's sandbox Google answers with too):
 *
 * - `users.getProfile`: the address and the mailbox's current history id;
 * - `users.messages.list` with `q` (`newer_than:Nd`, `rfc822msgid:`; other terms are ignored),
 *   `maxResults`, `includeSpamTrash` and paging by `pageToken`, newest first, the trash left out;
 * - `users.messages.get` with `format=raw` (base64url RFC 822, internalDate, labels), 404 once
 *   deleted for good;
 * - `users.history.list` from `startHistoryId` (messageAdded, messageDeleted, labelAdded,
 *   labelRemoved, as `historyTypes` asks), paged, and 404 for a history id older than the mailbox
 *   keeps (`expireHistory()`); `trash`, `untrash` and `remove` change a message as a person in
 *   Gmail does, each a history entry.
 *
 * - `users.messages.send` (POST, JSON `{ raw, threadId }`): the raw message is recorded in `sent`
 *   and lands in the sender's mailbox labelled SENT (a new history entry, as at Gmail); a grant
 *   without `gmail.send` is answered 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT, and `failSends` answers
 *   the next sends with the errors given (a 429, a 500 …); `loseSendAnswers` stores the next
 *   sends and then drops the connection without answering (the answer never arrives).
 *
 * The bearer token is checked at the OAuth stand-in's tokeninfo, which also says whose mailbox it is.
 */
export type FakeGmailMessage = {
  id: string;
  threadId: string;
  raw: Buffer;
  internalDate: number;
  labelIds: string[];
  historyId: number;
  deleted?: boolean;
};

export type FakeGmailSent = { account: string; raw: Buffer; threadId: string | null; id: string };
/** An error as Google answers it: the HTTP status, the RPC status and a reason. */
export type FakeGmailError = { code: number; status: string; reason: string; message?: string };

const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";

type Mailbox = {
  messages: FakeGmailMessage[];
  historyId: number;
  oldestHistoryId: number;
  changes: GmailHistoryChange[];
};

export type FakeGmail = {
  url: string;
  google: FakeGoogle;
  /** Puts a message in the account's mailbox (as Gmail receives or sends it); answers its Gmail id. */
  deliver: (
    account: string,
    raw: Buffer,
    options?: { threadId?: string; labels?: string[]; receivedAt?: Date },
  ) => FakeGmailMessage;
  /** Gmail forgets the account's history so far: an older startHistoryId is answered 404. */
  expireHistory: (account: string) => void;
  /** The person moves the message to Gmail's trash (labelAdded TRASH, INBOX removed). */
  trash: (account: string, id: string) => void;
  /** The person takes it out of the trash again (labelRemoved TRASH, back in the inbox). */
  untrash: (account: string, id: string) => void;
  /** The person deletes it for good (messageDeleted): no longer listed nor fetched. */
  remove: (account: string, id: string) => void;
  /** Answer messages.list with at most this many per page, whatever maxResults asks. */
  pageSize: number;
  /** Every Gmail API call, as `METHOD path?query`. */
  calls: string[];
  /** What `users.messages.send` took, in order: whose mailbox, the decoded RFC 822 bytes, the thread asked for, the id given. */
  sent: FakeGmailSent[];
  /** The next sends are answered with these errors, one each, before any is accepted. */
  failSends: (...errors: FakeGmailError[]) => void;
  /** The next `count` sends are stored (and recorded in `sent`), but their answer is lost: the connection drops. */
  loseSendAnswers: (count: number) => void;
  /** Awaited before a read is answered (a test looks at a sync mid-run while it holds a page). */
  hold: ((call: string) => Promise<void>) | null;
  /** Answer every read (GET) with this error until cleared. */
  failReads: FakeGmailError | null;
  close: () => Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
};
const googleError = (res: ServerResponse, code: number, status: string, message: string) =>
  json(res, code, { error: { code, message, status, errors: [{ message, reason: status.toLowerCase() }] } });

async function read(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Request headers that belong to this hop (fetch sets its own). */
const NOT_FORWARDED = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "expect"]);

let sequence = 0;
const hexId = () => (0x18c0000000000000n + BigInt(++sequence) * 7919n).toString(16);

export async function startFakeGmail(): Promise<FakeGmail> {
  const google = await startFakeGoogle();
  const mailboxes = new Map<string, Mailbox>();
  const mailboxOf = (account: string) => {
    const key = account.toLowerCase();
    let mailbox = mailboxes.get(key);
    if (!mailbox) mailboxes.set(key, (mailbox = { messages: [], historyId: 1000, oldestHistoryId: 0, changes: [] }));
    return mailbox;
  };

  /** Whose mailbox the bearer token opens, as the OAuth stand-in knows it; null for a token it does not honour. */
  async function accountOf(req: IncomingMessage): Promise<string | null> {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!token || !google.isValid(token)) return null;
    const info = await fetch(`${google.url}/tokeninfo`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    return info.ok ? ((await info.json()) as { email: string }).email : null;
  }

  async function gmail(req: IncomingMessage, res: ServerResponse, url: URL) {
    fake.calls.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method === "GET") {
      await fake.hold?.(`${req.method} ${url.pathname}${url.search}`);
      const failure = fake.failReads;
      if (failure) {
        const message = failure.message ?? "Failing on purpose.";
        return json(res, failure.code, {
          error: { code: failure.code, message, status: failure.status, errors: [{ message, reason: failure.reason }] },
        });
      }
    }
    const account = await accountOf(req);
    if (!account) return googleError(res, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
    const mailbox = mailboxOf(account);
    const path = url.pathname.replace(/^\/gmail\/v1\/users\/me/, "");
    const query = url.searchParams;

    if (req.method === "POST" && path === "/messages/send") return send(req, res, account, mailbox);
    if (req.method !== "GET") return googleError(res, 405, "METHOD_NOT_ALLOWED", "Read-only stand-in.");
    // The reads are Kiln's sandbox Google's too: one set of Gmail rules for both stand-ins.
    const answer = answerGmailRead(mailbox, account, path, query, fake.pageSize);
    if (answer) return json(res, answer.status, answer.body);
    return googleError(res, 404, "NOT_FOUND", "Not served by the stand-in.");
  }

  const pendingSendErrors: FakeGmailError[] = [];
  let lostAnswers = 0;

  /** users.messages.send: as Gmail, the sent message becomes part of the sender's mailbox (SENT) and its history. */
  async function send(req: IncomingMessage, res: ServerResponse, account: string, mailbox: Mailbox) {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!google.grantOf(token)?.scopes.has(GMAIL_SEND_SCOPE))
      return json(res, 403, {
        error: {
          code: 403,
          message: "Request had insufficient authentication scopes.",
          errors: [{ message: "Insufficient Permission", domain: "global", reason: "insufficientPermissions" }],
          status: "PERMISSION_DENIED",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
              domain: "googleapis.com",
              metadata: { method: "caribou.api.proto.MailboxService.SendMessage", service: "gmail.googleapis.com" },
            },
          ],
        },
      });
    const failure = pendingSendErrors.shift();
    if (failure)
      return json(res, failure.code, {
        error: {
          code: failure.code,
          message: failure.message ?? failure.status,
          errors: [{ message: failure.message ?? failure.status, domain: "global", reason: failure.reason }],
          status: failure.status,
        },
      });
    let body: { raw?: unknown; threadId?: unknown };
    try {
      body = JSON.parse((await read(req)).toString("utf8")) as typeof body;
    } catch {
      return googleError(res, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    if (typeof body.raw !== "string" || !body.raw)
      return googleError(
        res,
        400,
        "INVALID_ARGUMENT",
        "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
      );
    const threadId = typeof body.threadId === "string" && body.threadId ? body.threadId : null;
    if (threadId && !mailbox.messages.some((m) => m.threadId === threadId && !m.deleted))
      return googleError(res, 404, "NOT_FOUND", "Requested entity was not found.");
    const raw = Buffer.from(body.raw, "base64url");
    const message = fake.deliver(account, raw, { labels: ["SENT"], ...(threadId ? { threadId } : {}) });
    fake.sent.push({ account, raw, threadId, id: message.id });
    if (lostAnswers > 0) {
      lostAnswers--;
      // Gmail has the message; the sender never hears so (a timeout, a connection reset).
      res.socket?.destroy();
      return;
    }
    return json(res, 200, { id: message.id, threadId: message.threadId, labelIds: message.labelIds });
  }

  /** Everything else is the OAuth server's: passed through, redirects and all. */
  async function passOn(req: IncomingMessage, res: ServerResponse, url: URL) {
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await read(req));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string" && !NOT_FORWARDED.has(entry[0]),
      ),
    );
    const answer = await fetch(`${google.url}${url.pathname}${url.search}`, {
      method: req.method,
      headers,
      body,
      redirect: "manual",
    });
    // Hop-by-hop and length headers are this hop's own: the body is re-sent whole.
    const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !hopByHop.has(name))));
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake-gmail");
    const handle = url.pathname.startsWith("/gmail/v1/users/me/") ? gmail : passOn;
    handle(req, res, url).catch((error: unknown) => googleError(res, 500, "INTERNAL", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  /** A message of the account's mailbox a person is about to change. */
  function change(account: string, id: string) {
    const mailbox = mailboxOf(account);
    const message = mailbox.messages.find((m) => m.id === id && !m.deleted);
    if (!message) throw new Error(`No message ${id} in ${account}'s mailbox.`);
    return { mailbox, message };
  }

  const fake: FakeGmail = {
    url: `http://127.0.0.1:${port}`,
    google,
    pageSize: 100,
    calls: [],
    sent: [],
    failSends: (...errors) => void pendingSendErrors.push(...errors),
    loseSendAnswers: (count) => void (lostAnswers = count),
    hold: null,
    failReads: null,
    deliver(account, raw, options = {}) {
      const mailbox = mailboxOf(account);
      const id = hexId();
      const message = {
        id,
        threadId: options.threadId ?? id,
        raw,
        internalDate: (options.receivedAt ?? new Date()).getTime(),
        labelIds: options.labels ?? ["INBOX", "UNREAD"],
        historyId: ++mailbox.historyId,
      };
      mailbox.messages.push(message);
      return message;
    },
    expireHistory(account) {
      const mailbox = mailboxOf(account);
      mailbox.oldestHistoryId = mailbox.historyId + 1;
    },
    trash(account, id) {
      const { mailbox, message } = change(account, id);
      message.labelIds = [...message.labelIds.filter((l) => l !== "INBOX" && l !== "TRASH"), "TRASH"];
      const historyId = ++mailbox.historyId;
      mailbox.changes.push({ historyId, id, threadId: message.threadId, type: "labelAdded", labelIds: ["TRASH"] });
    },
    untrash(account, id) {
      const { mailbox, message } = change(account, id);
      const sent = message.labelIds.includes("SENT");
      message.labelIds = [...message.labelIds.filter((l) => l !== "TRASH"), ...(sent ? [] : ["INBOX"])];
      const historyId = ++mailbox.historyId;
      mailbox.changes.push({ historyId, id, threadId: message.threadId, type: "labelRemoved", labelIds: ["TRASH"] });
    },
    remove(account, id) {
      const { mailbox, message } = change(account, id);
      message.deleted = true;
      mailbox.changes.push({ historyId: ++mailbox.historyId, id, threadId: message.threadId, type: "messageDeleted" });
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await google.close();
    },
  };
  return fake;
}
