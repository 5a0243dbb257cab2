/**
 * The files of messages (public.message_attachments; this module is its only writer):
 * a rep's uploads, attached to their reply when it is sent, and the media leads send us,
 * recorded as pending and copied into storage by the download job (./media-download.ts).
 * The bytes live in lib/storage under the organization's prefix.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { withService, type Tx } from "@/lib/db";
import { HttpError, notFound } from "@/lib/http/errors";
import {
  bytesMatchType,
  declaredType,
  LARGEST_ATTACHMENT,
  mediaLimits,
  refuseFile,
  refuseSet,
  type MediaChannel,
  type MediaRefusal,
} from "@/lib/channels/media-limits";
import type { ChannelProvider } from "@/lib/channels/schema";
import { orgKey, storage } from "@/lib/storage";
import { spool, SpoolTooLarge } from "@/lib/storage/spool";
import type { MediaRef } from "./inbound";
import type { MessageAttachment } from "./types";

type Rls = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** A refusal as a problem: 413 for a size, 422 for the rest; `code` says which rule. */
export const refused = (refusal: MediaRefusal) =>
  new HttpError(refusal.key === "attachmentTooLarge" ? 413 : 422, "Attachment refused", refusal, {
    code: refusal.key,
  });

async function channelOf(tx: Tx, orgId: string, conversationId: string): Promise<MediaChannel | null> {
  const { rows } = await tx.query<MediaChannel>(
    `select ch.provider, c.medium, ch.address
       from public.conversations c join public.channels ch on ch.id = c.channel_id
      where c.id = $1 and c.org_id = $2`,
    [conversationId, orgId],
  );
  return rows[0] ?? null;
}

/** What the client sees of an upload, and what a message lists (MESSAGE_COLUMNS builds the same shape). */
const ATTACHMENT_JSON = `jsonb_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
  'sizeBytes', a.size_bytes, 'status', a.download_status)`;

/** The attachments of a message, oldest first, as JSON (for the message queries). */
export const MESSAGE_ATTACHMENTS_SQL = `coalesce((select jsonb_agg(${ATTACHMENT_JSON} order by a.created_at, a.id)
  from public.message_attachments a where a.message_id = m.id), '[]'::jsonb)`;

/** A file name safe to show and to put in a header: no paths, no control characters, at most 255 characters. */
export function cleanFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 255);
  return cleaned || fallback;
}

/**
 * A rep's upload for a reply in `conversationId`: the declared type is checked against the
 * channel before a byte is read, the size while reading (413 at the first byte past the
 * limit), the bytes' own signature must agree with the type, and only then is the file
 * stored and recorded as the rep's, under RLS. No transaction is held while bytes move.
 */
export async function uploadAttachment(
  rls: Rls,
  input: {
    orgId: string;
    userId: string;
    conversationId: string;
    file: ReadableStream<Uint8Array>;
    fileName: string;
    declaredType: string;
  },
): Promise<MessageAttachment> {
  const channel = await rls((tx) => channelOf(tx, input.orgId, input.conversationId));
  if (!channel) {
    await input.file.cancel();
    throw notFound("conversationNotFound");
  }
  const limits = mediaLimits(channel);
  const declared = declaredType(input.fileName, input.declaredType);
  const early = refuseFile(limits, channel.medium, { type: declared, size: 0 });
  if (early) {
    await input.file.cancel();
    throw refused(early);
  }
  const spooled = await spool(input.file, limits.types[declared]!).catch((error: unknown) => {
    if (error instanceof SpoolTooLarge)
      throw refused(refuseFile(limits, channel.medium, { type: declared, size: Infinity })!);
    throw error;
  });
  try {
    if (!bytesMatchType(declared, spooled.head))
      throw refused(refuseFile(limits, channel.medium, { type: "unknown/unknown", size: 0 })!);
    const id = randomUUID();
    const key = orgKey(input.orgId, "attachments", id);
    const fileName = cleanFileName(input.fileName, `attachment.${declared.split("/")[1]}`);
    await storage().put(key, { path: spooled.path }, { size: spooled.size, contentType: declared });
    try {
      return await rls(async (tx) => {
        const { rows } = await tx.query<MessageAttachment>(
          `insert into public.message_attachments as a (id, org_id, conversation_id, source, storage_key, file_name, content_type,
                                                    size_bytes, sha256, download_status, uploaded_by)
           values ($1, $2, $3, 'outbound', $4, $5, $6, $7, $8, 'stored', $9)
           returning ${ATTACHMENT_JSON} as attachment`,
          [id, input.orgId, input.conversationId, key, fileName, declared, spooled.size, spooled.sha256, input.userId],
        );
        return (rows[0] as unknown as { attachment: MessageAttachment }).attachment;
      });
    } catch (error) {
      await storage()
        .delete(key)
        .catch(() => undefined);
      throw error;
    }
  } finally {
    await spooled.discard();
  }
}

/**
 * Attaches the sender's own unsent uploads to their reply, in the reply's transaction, after
 * checking the set against the channel again (how many, their total size, the caption).
 */
export async function attachUploads(
  tx: Tx,
  input: { orgId: string; conversationId: string; messageId: string; attachmentIds: string[]; body: string },
): Promise<void> {
  if (!input.attachmentIds.length) return;
  const channel = await channelOf(tx, input.orgId, input.conversationId);
  if (!channel) throw notFound("conversationNotFound");
  const limits = mediaLimits(channel);
  const { rows } = await tx.query<{ id: string; size_bytes: string; content_type: string }>(
    `select id, size_bytes, content_type from public.message_attachments
      where id = any ($1::uuid[]) and org_id = $2 and conversation_id = $3 and source = 'outbound'
        and message_id is null and uploaded_by = (select auth.uid())`,
    [input.attachmentIds, input.orgId, input.conversationId],
  );
  if (rows.length !== new Set(input.attachmentIds).size)
    throw new HttpError(422, "Unprocessable content", "attachmentUnavailable", {
      code: "attachment_unavailable",
      errors: { attachmentIds: ["attachmentUnavailable"] },
    });
  for (const row of rows) {
    const refusal = refuseFile(limits, channel.medium, { type: row.content_type, size: Number(row.size_bytes) });
    if (refusal) throw refused(refusal);
  }
  const refusal = refuseSet(
    limits,
    rows.map((row) => Number(row.size_bytes)),
  );
  if (refusal) throw refused(refusal);
  if (limits.maxCaption !== null && input.body.length > limits.maxCaption)
    throw new HttpError(
      422,
      "Unprocessable content",
      { key: "attachmentCaptionTooLong", values: { max: limits.maxCaption } },
      {
        code: "attachmentCaptionTooLong",
        errors: { body: ["messageTooLong"] },
      },
    );
  await tx.query("update public.message_attachments set message_id = $1 where id = any ($2::uuid[])", [
    input.messageId,
    input.attachmentIds,
  ]);
}

/** The stored files of an outbound message, for its sender (service; the send is outside any request). */
export async function outboundMediaOf(
  tx: Tx,
  messageId: string,
): Promise<{ storageKey: string; fileName: string; contentType: string }[]> {
  const { rows } = await tx.query<{ storageKey: string; fileName: string; contentType: string }>(
    `select storage_key as "storageKey", file_name as "fileName", content_type as "contentType"
       from public.message_attachments where message_id = $1 and download_status = 'stored' order by created_at, id`,
    [messageId],
  );
  return rows;
}

/** A member's way to a file: the row under RLS (only conversations they can see), then the bytes. */
export async function openAttachment(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<{ fileName: string; contentType: string; size: number; storageKey: string } | null> {
  const { rows } = await tx.query<{ fileName: string; contentType: string; size: string; storageKey: string }>(
    `select file_name as "fileName", content_type as "contentType", size_bytes as size, storage_key as "storageKey"
       from public.message_attachments where id = $1 and org_id = $2 and download_status = 'stored'`,
    [id, orgId],
  );
  const row = rows[0];
  return row ? { ...row, size: Number(row.size) } : null;
}

/** Types a browser may show inline; everything else is downloaded (no HTML, no SVG from a lead ever renders). */
const INLINE = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"]);

/** A stored file as an HTTP response that cannot run as a page of ours. */
export async function fileResponse(
  storageKey: string,
  meta: { fileName?: string; contentType?: string },
): Promise<Response | null> {
  const object = await storage().get(storageKey);
  if (!object) return null;
  const contentType = meta.contentType ?? object.contentType;
  const disposition = INLINE.has(contentType) ? "inline" : "attachment";
  const name = meta.fileName ?? storageKey.split("/").pop()!;
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": contentType,
      "content-length": String(object.size),
      "content-disposition": `${disposition}; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=300",
    },
  });
}

// ------------------------------------------------------------------------------ inbound media

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/amr": "amr",
  "video/mp4": "mp4",
};

const inboundName = (ref: MediaRef, i: number) => {
  const type = (ref.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return cleanFileName(ref.fileName ?? "", `${type.split("/")[0] || "file"}-${i + 1}.${EXTENSIONS[type] ?? "bin"}`);
};

/**
 * Records a lead's media as pending copies, inside the ingest transaction; returns their ids
 * for the download job. The advisory lock makes the job wait until this transaction commits.
 */
export async function recordInboundMedia(
  tx: Tx,
  input: { orgId: string; conversationId: string; messageId: string; media: MediaRef[] },
): Promise<string[]> {
  const refs = input.media.filter((ref) => ref.url || ref.id);
  if (!refs.length) return [];
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`inbound-media:${input.messageId}`]);
  const ids: string[] = [];
  for (const [i, ref] of refs.entries()) {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.message_attachments (org_id, conversation_id, message_id, source, file_name, content_type,
                                               provider_media_id, provider_media_url, download_status)
       values ($1, $2, $3, 'inbound', $4, $5, $6, $7, 'pending') returning id`,
      [
        input.orgId,
        input.conversationId,
        input.messageId,
        inboundName(ref, i),
        ((ref.contentType ?? "").split(";")[0]!.trim() || "application/octet-stream").slice(0, 255),
        ref.id ?? null,
        ref.url ?? null,
      ],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}

/**
 * Files that came inside the message itself (an email's attachments, already in memory):
 * recorded as stored and written under the organization's prefix, in the ingest transaction.
 * Any type is kept (they are served as downloads, `nosniff`, inline only for images and PDFs).
 *
 * Storage is not part of the transaction, and a download job (the way provider media arrive)
 * would have nothing to fetch from once the delivery is pruned, so the bytes are written here,
 * before COMMIT, and taken back if it never comes: the rows go first (a constraint failure
 * writes no byte), then the bytes, and `onRollback` (the inbound pipeline's hook) gets the
 * step that deletes them, run when the handler or the transaction fails after writing.
 * Writing after commit instead would leave rows pointing at no file when the process stops in
 * between; deleting on rollback leaves, at worst (the process killed right before COMMIT),
 * bytes no row names, which nobody can reach.
 */
export async function storeInboundFiles(
  tx: Tx,
  input: {
    orgId: string;
    conversationId: string;
    messageId: string;
    files: { fileName: string | null; contentType: string; content: Buffer }[];
    onRollback: (undo: () => Promise<void>) => void;
  },
): Promise<string[]> {
  const files = input.files.map((file, i) => {
    const id = randomUUID();
    const declared = file.contentType.split(";")[0]!.trim().toLowerCase();
    const type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(declared)
      ? declared.slice(0, 255)
      : "application/octet-stream";
    return {
      id,
      key: orgKey(input.orgId, "inbound", id),
      type,
      name: inboundName({ fileName: file.fileName ?? undefined, contentType: type }, i),
      content: file.content,
    };
  });
  if (!files.length) return [];
  for (const file of files) {
    await tx.query(
      `insert into public.message_attachments (id, org_id, conversation_id, message_id, source, storage_key, file_name,
                                               content_type, size_bytes, sha256, download_status)
       values ($1, $2, $3, $4, 'inbound', $5, $6, $7, $8, $9, 'stored')`,
      [
        file.id,
        input.orgId,
        input.conversationId,
        input.messageId,
        file.key,
        file.name,
        file.type,
        file.content.byteLength,
        createHash("sha256").update(file.content).digest("hex"),
      ],
    );
  }
  const store = storage();
  // Registered before the first byte: a write failing half-way is undone the same way.
  input.onRollback(async () => {
    for (const file of files) await store.delete(file.key);
  });
  for (const file of files)
    await store.put(file.key, file.content, { size: file.content.byteLength, contentType: file.type });
  return files.map((file) => file.id);
}

export type PendingDownload = {
  id: string;
  orgId: string;
  provider: ChannelProvider;
  providerMediaId: string | null;
  providerMediaUrl: string | null;
  contentType: string;
  attempts: number;
};

/** Takes one pending copy for a download attempt (after the recording transaction committed). */
export async function claimDownload(tx: Tx, id: string, messageId: string): Promise<PendingDownload | null> {
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`inbound-media:${messageId}`]);
  const { rows } = await tx.query<PendingDownload>(
    `update public.message_attachments a set download_attempts = a.download_attempts + 1
       from public.messages m
      where a.id = $1 and a.download_status = 'pending' and m.id = a.message_id
      returning a.id, a.org_id as "orgId", m.provider, a.provider_media_id as "providerMediaId",
                a.provider_media_url as "providerMediaUrl", a.content_type as "contentType", a.download_attempts as attempts`,
    [id],
  );
  return rows[0] ?? null;
}

export async function recordDownloaded(
  tx: Tx,
  id: string,
  file: { storageKey: string; size: number; sha256: string; contentType: string },
): Promise<void> {
  await tx.query(
    `update public.message_attachments set download_status = 'stored', storage_key = $2, size_bytes = $3, sha256 = $4,
            content_type = $5, download_error = null
      where id = $1 and download_status = 'pending'`,
    [id, file.storageKey, file.size, file.sha256, file.contentType.slice(0, 255)],
  );
}

export async function recordDownloadFailed(tx: Tx, id: string, error: string, final: boolean): Promise<void> {
  await tx.query(
    `update public.message_attachments set download_error = $2, download_status = case when $3 then 'failed' else download_status end
      where id = $1 and download_status = 'pending'`,
    [id, error.slice(0, 500), final],
  );
}

/** How long an upload may wait for the reply it was made for before it is removed. */
export const ABANDONED_UPLOAD_HOURS = 24;

/**
 * Uploads never sent (the rep removed the file or left the thread): the rows go in one
 * statement, then their bytes. A file whose row is gone is unreachable, so a failed delete
 * only leaves unreferenced bytes, never a broken message. Returns how many were removed.
 */
export async function removeAbandonedUploads(olderThanHours = ABANDONED_UPLOAD_HOURS): Promise<number> {
  const keys = await withService(async (tx) => {
    const { rows } = await tx.query<{ storage_key: string }>(
      `delete from public.message_attachments
        where id in (select id from public.message_attachments
                      where message_id is null and source = 'outbound' and created_at < now() - make_interval(hours => $1)
                      order by created_at limit 200 for update skip locked)
        returning storage_key`,
      [olderThanHours],
    );
    return rows.map((row) => row.storage_key);
  });
  const store = storage();
  for (const key of keys) await store.delete(key).catch(() => undefined);
  return keys.length;
}

/** Pending copies nobody is working on (a lost first attempt): the inbox sweep re-queues them. */
export async function stalePendingDownloads(
  olderThanSeconds: number,
  maxAttempts: number,
): Promise<{ attachmentId: string; messageId: string; orgId: string }[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ attachmentId: string; messageId: string; orgId: string }>(
      `select id as "attachmentId", message_id as "messageId", org_id as "orgId" from public.message_attachments
        where download_status = 'pending' and download_attempts < $2 and created_at < now() - make_interval(secs => $1)
        order by created_at limit 100`,
      [olderThanSeconds, maxAttempts],
    );
    return rows;
  });
}

export { LARGEST_ATTACHMENT };
