/**
 * The few Gmail API calls the mailbox sync makes, through Google's official per-API client
 * (`@googleapis/gmail`), with one user's access token. Read-only: Kiln lists, fetches and
 * follows the history of a mailbox, and never changes it (the grant has no gmail.modify).
 */
import "server-only";
import { gmail, type gmail_v1 } from "@googleapis/gmail";
import { googleApiOptions } from "./config";

/** A listed message: Gmail's ids only, the content is fetched one by one. */
export type GmailRef = { id: string; threadId: string | null };

export type GmailPage = { refs: GmailRef[]; nextPageToken: string | null };

/** One message as Gmail stores it: the RFC 822 bytes and when Gmail received it. */
export type GmailRawMessage = {
  id: string;
  threadId: string | null;
  raw: Buffer;
  receivedAt: Date | null;
  /** Gmail's labels (DRAFT, SENT, INBOX …). */
  labels: string[];
};

const MAX_HISTORY_PAGES = 10;

/**
 * A client per call: its credentials are one user's token, so one kept in a module global
 * would carry a user's mailbox into the next job.
 */
function clientFor(token: string): gmail_v1.Gmail {
  return gmail({ version: "v1", ...googleApiOptions(token) });
}

const refsOf = (messages: gmail_v1.Schema$Message[] | undefined): GmailRef[] =>
  (messages ?? []).flatMap((m) => (m.id ? [{ id: m.id, threadId: m.threadId ?? null }] : []));

/** The mailbox's current history id: where an incremental sync starts after a full one. */
export async function gmailHistoryId(token: string): Promise<string> {
  const { data } = await clientFor(token).users.getProfile({ userId: "me" });
  if (!data.historyId) throw new Error("Gmail answered the profile without a history id.");
  return data.historyId;
}

/** One page of the messages matching a Gmail search (`newer_than:30d`), newest first. */
export async function listGmailMessages(token: string, q: string, pageToken: string | null): Promise<GmailPage> {
  const { data } = await clientFor(token).users.messages.list({
    userId: "me",
    q,
    maxResults: 100,
    ...(pageToken ? { pageToken } : {}),
  });
  return { refs: refsOf(data.messages), nextPageToken: data.nextPageToken ?? null };
}

/** One message as raw RFC 822 (Gmail sends it base64url-encoded). */
export async function getGmailRaw(token: string, id: string): Promise<GmailRawMessage> {
  const { data } = await clientFor(token).users.messages.get({ userId: "me", id, format: "raw" });
  if (!data.raw) throw new Error("Gmail answered a raw message without its bytes.");
  const internal = Number(data.internalDate);
  return {
    id,
    threadId: data.threadId ?? null,
    raw: Buffer.from(data.raw, "base64url"),
    receivedAt: Number.isFinite(internal) && internal > 0 ? new Date(internal) : null,
    labels: data.labelIds ?? [],
  };
}

/**
 * The messages added to the mailbox since `startHistoryId`, every page, and the history id to
 * start from next time. Gmail answers 404 when the id is too old to follow (about a week);
 * the caller then syncs in full, as it does when the history is longer than a sync reads
 * (null): the last 30 days by search are fewer calls than thousands of history entries.
 */
export async function gmailMessagesAddedSince(
  token: string,
  startHistoryId: string,
): Promise<{ refs: GmailRef[]; historyId: string } | null> {
  const client = clientFor(token);
  const refs = new Map<string, GmailRef>();
  let historyId = startHistoryId;
  let pageToken: string | null = null;
  let pages = 0;
  do {
    if (++pages > MAX_HISTORY_PAGES) return null;
    const { data }: { data: gmail_v1.Schema$ListHistoryResponse } = await client.users.history.list({
      userId: "me",
      startHistoryId,
      historyTypes: ["messageAdded"],
      maxResults: 500,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const entry of data.history ?? [])
      for (const ref of refsOf((entry.messagesAdded ?? []).map((added) => added.message ?? {}))) refs.set(ref.id, ref);
    if (data.historyId) historyId = data.historyId;
    pageToken = data.nextPageToken ?? null;
  } while (pageToken);
  return { refs: [...refs.values()], historyId };
}

/** Google's HTTP status on a failed API call (a GaxiosError, read by shape). */
export function gmailStatusOf(error: unknown): number | null {
  if (!error || typeof error !== "object") return null;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === "number" ? response.status : null;
}
