/**
 * The few Gmail API calls the mailbox sync makes, through Google's official per-API client
 * (`@googleapis/gmail`), with one user's access token. Read-only: Kiln lists, fetches and
 * follows the history of a mailbox (what arrived, and what was deleted or trashed), and never
 * changes it (the grant has no gmail.modify).
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

/** What happened in a mailbox since a history id, as far as the sync follows it. */
export type GmailHistory = {
  /** Messages added since, in Gmail's order, and not deleted for good or in the trash by now. */
  added: GmailRef[];
  /** Messages that left the mailbox since: deleted for good, or in the trash by now. */
  gone: GmailRef[];
  /** Messages taken out of the trash since, and still out of it. */
  restored: GmailRef[];
  /** Where the next incremental sync starts. */
  historyId: string;
};

/** TRASH among a history record's labels. */
const trashIn = (changes: gmail_v1.Schema$HistoryLabelAdded[] | undefined): GmailRef[] =>
  refsOf((changes ?? []).filter((c) => c.labelIds?.includes("TRASH")).map((c) => c.message ?? {}));

/**
 * What happened in the mailbox since `startHistoryId`, every page, and the history id to start
 * from next time: messages added, deleted for good (messagesDeleted) or moved to the trash
 * (labelsAdded TRASH), and taken out of it again (labelsRemoved TRASH). The records are followed
 * in order, so each message ends in its latest state: trashed and restored is restored, restored
 * and deleted is gone. Gmail answers 404 when the id is too old to follow (about a week); the
 * caller then syncs in full, as it does when the history is longer than a sync reads (null): the
 * last 30 days by search are fewer calls than thousands of history entries.
 */
export async function gmailHistorySince(token: string, startHistoryId: string): Promise<GmailHistory | null> {
  const client = clientFor(token);
  const added = new Map<string, GmailRef>();
  const state = new Map<string, { ref: GmailRef; now: "gone" | "restored"; forGood: boolean }>();
  let historyId = startHistoryId;
  let pageToken: string | null = null;
  let pages = 0;
  do {
    if (++pages > MAX_HISTORY_PAGES) return null;
    const { data }: { data: gmail_v1.Schema$ListHistoryResponse } = await client.users.history.list({
      userId: "me",
      startHistoryId,
      historyTypes: ["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"],
      maxResults: 500,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const entry of data.history ?? []) {
      for (const ref of refsOf((entry.messagesAdded ?? []).map((a) => a.message ?? {}))) added.set(ref.id, ref);
      for (const ref of refsOf((entry.messagesDeleted ?? []).map((d) => d.message ?? {})))
        state.set(ref.id, { ref, now: "gone", forGood: true });
      for (const ref of trashIn(entry.labelsAdded))
        if (!state.get(ref.id)?.forGood) state.set(ref.id, { ref, now: "gone", forGood: false });
      for (const ref of trashIn(entry.labelsRemoved))
        if (!state.get(ref.id)?.forGood) state.set(ref.id, { ref, now: "restored", forGood: false });
    }
    if (data.historyId) historyId = data.historyId;
    pageToken = data.nextPageToken ?? null;
  } while (pageToken);
  const final = [...state.values()];
  return {
    // What is gone by now is not fetched (deleted for good it cannot be; in the trash a full read would not list it).
    added: [...added.values()].filter((ref) => state.get(ref.id)?.now !== "gone"),
    gone: final.filter((s) => s.now === "gone").map((s) => s.ref),
    restored: final.filter((s) => s.now === "restored" && !added.has(s.ref.id)).map((s) => s.ref),
    historyId,
  };
}

/** Google's HTTP status on a failed API call (a GaxiosError, read by shape). */
export function gmailStatusOf(error: unknown): number | null {
  if (!error || typeof error !== "object") return null;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === "number" ? response.status : null;
}
