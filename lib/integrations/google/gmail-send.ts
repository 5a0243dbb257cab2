/**
 * Replies from a member's own Gmail. A conversation that came in through a member's mailbox is
 * answered from that mailbox (`users.messages.send`, in the same Gmail thread), not from the
 * organization's mailbox channel: the lead wrote to a person, and an answer from another address
 * would start a second thread in the lead's mail program and miss the member's Sent folder.
 *
 * The email is composed exactly as the relay's (lib/channels/email.ts: same headers, signature,
 * files) and handed to Gmail as RFC 822 bytes. What Google answers is mapped to the outbound
 * failure model: passing trouble (429, 5xx, no answer) keeps the message queued for the retry
 * job; a refusal fails it; a grant that cannot send fails it with a kind that tells the rep what
 * to do (reconnect Google, turn sending on). Nothing falls back to SMTP: the lead would get the
 * answer from an address they never wrote to.
 *
 * Gmail's send has no idempotency key, and an answer can be lost after Gmail took the message (a
 * timeout, a dropped connection). So a retry of a reply an earlier attempt may have sent first
 * searches the mailbox for its Message-ID (`rfc822msgid:`, trash included): found, that copy is
 * the sent reply and nothing is sent again. Were Gmail ever to replace the Message-ID, the search
 * finds nothing and the retry sends, as it would without the search.
 */
import "server-only";
import { gmail } from "@googleapis/gmail";
import MailComposer from "nodemailer/lib/mail-composer";
import { closeFiles, fileFailure, mailOptions, openFiles, type OpenedFile } from "@/lib/channels/email";
import type { OutboundEmail, SendResult } from "@/lib/channels/types";
import type { Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { googleApiOptions, googleClient, googleSandboxActive } from "./config";
import { GoogleConnectionUnavailable, googleErrorResponse, withGoogleToken } from "./connection";

export const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";

/** Why a reply could not leave through Gmail (the inbox's failure kinds, lib/inbox/types.ts). */
export type GmailSendFailure =
  | "gmail_reconnect"
  | "gmail_send_off"
  | "gmail_disconnected"
  | "gmail_rate_limited"
  | "gmail_unavailable"
  | "gmail_refused";

/** A connected mailbox a reply may leave from: its owner's connection and address. */
export type GmailSendingMailbox = { orgId: string; userId: string; connectionId: string; account: string };

type Failure = SendResult & { ok: false };

const fail = (errorCode: GmailSendFailure, retryable: boolean, errorMessage: string): Failure => ({
  ok: false,
  retryable,
  errorCode,
  errorMessage: errorMessage.slice(0, 500),
});

/**
 * Whether replies may go through Gmail at all: only with this installation's own Google OAuth
 * app. Without one (no Google, or the sandbox Google of ./sandbox, which drops what it is sent)
 * email threads send as they always did, SMTP or the sandbox outbox, wherever their mail came
 * from: a sandbox reply stays readable in /dev/outbox and is labelled sandbox.
 */
export const gmailSendingConfigured = (): boolean => googleClient() !== null && !googleSandboxActive();

/**
 * As the service role: the connection a reply leaves from, or why it cannot. Checked before
 * anything is composed, so a mailbox that cannot send fails the message with a kind the rep can
 * act on rather than with Google's words after a round trip.
 */
export async function gmailSendingMailbox(
  tx: Tx,
  connectionId: string,
): Promise<{ ok: true; mailbox: GmailSendingMailbox } | Failure> {
  const { rows } = await tx.query<{
    org_id: string;
    user_id: string;
    status: string;
    google_email: string | null;
    scopes: string[];
    gmail_enabled: boolean;
  }>(
    "select org_id, user_id, status, google_email, scopes, gmail_enabled from public.google_connections where id = $1",
    [connectionId],
  );
  const row = rows[0];
  if (!row || row.status === "disconnected" || !row.google_email)
    return fail(
      "gmail_disconnected",
      false,
      "The Gmail mailbox this conversation came through is no longer connected.",
    );
  if (row.status === "needs_reauth")
    return fail("gmail_reconnect", false, "Google needs to be reconnected before this mailbox can send.");
  if (!row.gmail_enabled || !row.scopes.includes(GMAIL_SEND_SCOPE))
    return fail("gmail_send_off", false, "Sending from this Gmail mailbox is not turned on (gmail.send).");
  return {
    ok: true,
    mailbox: { orgId: row.org_id, userId: row.user_id, connectionId, account: row.google_email.toLowerCase() },
  };
}

/** Google's reasons for a 403 that mean "not now" rather than "never" (Gmail's sending quotas). */
const QUOTA_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"]);
/** Google's reasons for a 403 that mean the token lacks the scope to send. */
const SCOPE_REASONS = new Set(["insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"]);

/** The reasons and message in Google's JSON error body (`error.errors[].reason`, `error.details[].reason`, `error.status`). */
function googleReasons(data: unknown): { reasons: string[]; message: string } {
  const error = (data as { error?: unknown } | null)?.error;
  if (!error || typeof error !== "object") return { reasons: [], message: "" };
  const { errors, details, status, message } = error as {
    errors?: { reason?: unknown }[];
    details?: { reason?: unknown }[];
    status?: unknown;
    message?: unknown;
  };
  const reasons = [...(errors ?? []), ...(details ?? [])]
    .map((entry) => entry?.reason)
    .concat(status)
    .filter((reason): reason is string => typeof reason === "string");
  return { reasons, message: typeof message === "string" ? message : "" };
}

/** What a failed send comes to in the outbound failure model. */
export function gmailSendFailureOf(error: unknown): Failure {
  if (error instanceof GoogleConnectionUnavailable) {
    if (error.status === "needs_reauth")
      return fail("gmail_reconnect", false, "Google needs to be reconnected before this mailbox can send.");
    if (error.status === "missing" || error.status === "disconnected")
      return fail("gmail_disconnected", false, "The Gmail mailbox is no longer connected.");
    // A refresh that failed for a passing reason: the retry job asks again.
    return fail("gmail_unavailable", true, `The Google token could not be refreshed: ${error.message}`);
  }
  const response = googleErrorResponse(error);
  const status = typeof response?.status === "number" ? response.status : null;
  if (status === null) return fail("gmail_unavailable", true, error instanceof Error ? error.message : String(error));
  const { reasons, message } = googleReasons(response?.data);
  const said = `Gmail answered ${status}${message ? `: ${message}` : ""}`;
  // withGoogleToken refreshed once already; a second 401 marked the connection for re-auth.
  if (status === 401) return fail("gmail_reconnect", false, said);
  if (status === 429 || (status === 403 && reasons.some((reason) => QUOTA_REASONS.has(reason))))
    return fail("gmail_rate_limited", true, said);
  if (status === 403 && reasons.some((reason) => SCOPE_REASONS.has(reason))) return fail("gmail_send_off", false, said);
  if (status >= 500) return fail("gmail_unavailable", true, said);
  return fail("gmail_refused", false, said);
}

/** The email as RFC 822 bytes. No Reply-To: the lead's answer belongs in the member's mailbox. */
async function compose(email: OutboundEmail, files: OpenedFile[]): Promise<Buffer> {
  return new MailComposer(mailOptions(email, files, null)).compile().build();
}

export type GmailSent = { gmailId: string; threadId: string | null };

const sentAs = (gmailId: string): SendResult => ({
  ok: true,
  provider: "email",
  providerMessageId: gmailId,
  status: "sent",
  sandbox: false,
});

/** The mailbox's copy of an email with this Message-ID (an earlier attempt's that Gmail took), or null. */
async function copyInMailbox(mailbox: GmailSendingMailbox, rfcMessageId: string): Promise<GmailSent | null> {
  const id = rfcMessageId.trim().replace(/^<|>$/g, "");
  const data = await withGoogleToken(mailbox.orgId, mailbox.userId, async (token) => {
    const client = gmail({ version: "v1", ...googleApiOptions(token) });
    const answer = await client.users.messages.list({
      userId: "me",
      q: `rfc822msgid:${id}`,
      includeSpamTrash: true,
      maxResults: 5,
    });
    return answer.data;
  });
  const copy = (data.messages ?? []).find((m) => m.id);
  return copy?.id ? { gmailId: copy.id, threadId: copy.threadId ?? null } : null;
}

/**
 * Sends one reply from the mailbox, in the Gmail thread it answers. Answers the outcome, and on
 * success Gmail's ids, which the caller links to the message so the next sync knows the sent
 * copy as this reply and does not import it again. `mayHaveSent`: an earlier attempt may have
 * reached Gmail, so the mailbox is searched for it first; found, it is the outcome.
 */
export async function sendGmailReply(
  mailbox: GmailSendingMailbox,
  email: OutboundEmail,
  threadId: string | null,
  options: { mayHaveSent?: boolean } = {},
): Promise<{ result: SendResult; sent: GmailSent | null }> {
  if (options.mayHaveSent && email.messageId) {
    try {
      const copy = await copyInMailbox(mailbox, email.messageId);
      if (copy) {
        logger.info(
          { orgId: mailbox.orgId, userId: mailbox.userId, gmailId: copy.gmailId },
          "an earlier attempt reached gmail: linked, not sent again",
        );
        return { result: sentAs(copy.gmailId), sent: copy };
      }
    } catch (error) {
      // Passing trouble: the next retry looks again rather than risk a second copy. Anything else
      // (a grant that cannot search) is the send's to report, with the kind that says what to do.
      const failure = gmailSendFailureOf(error);
      if (failure.retryable) return { result: failure, sent: null };
    }
  }
  let files: OpenedFile[];
  try {
    files = await openFiles(email.attachments ?? []);
  } catch (error) {
    return { result: fileFailure(error), sent: null };
  }
  let raw: Buffer;
  try {
    raw = await compose(email, files);
  } catch (error) {
    // A file's stream broke while it was read: as the relay's path, storage trouble passes.
    return { result: fileFailure(error), sent: null };
  } finally {
    closeFiles(files);
  }
  try {
    const data = await withGoogleToken(mailbox.orgId, mailbox.userId, async (token) => {
      // A client per call: its credentials are one user's token.
      const client = gmail({ version: "v1", ...googleApiOptions(token) });
      const answer = await client.users.messages.send({
        userId: "me",
        requestBody: { raw: raw.toString("base64url"), ...(threadId ? { threadId } : {}) },
      });
      return answer.data;
    });
    if (!data.id) return { result: fail("gmail_refused", false, "Gmail answered the send without an id."), sent: null };
    return { result: sentAs(data.id), sent: { gmailId: data.id, threadId: data.threadId ?? threadId } };
  } catch (error) {
    const failure = gmailSendFailureOf(error);
    logger.warn(
      {
        orgId: mailbox.orgId,
        userId: mailbox.userId,
        errorCode: failure.errorCode,
        httpStatus: googleErrorResponse(error)?.status,
      },
      "a reply could not be sent through gmail",
    );
    return { result: failure, sent: null };
  }
}
