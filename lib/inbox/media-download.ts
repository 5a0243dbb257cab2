/**
 * Copies a lead's media from the provider into Kiln's storage, with the provider's
 * credentials, so they stay viewable after the provider's links expire:
 * - Twilio: GET MediaUrlN with the account's Basic auth (only from Twilio's API origin, so a
 *   payload cannot make Kiln fetch anything else);
 * - WhatsApp Cloud API: GET /{media-id} for a short-lived URL, then GET that URL, both with
 *   the access token.
 * Run by the download job (./workers.ts); the base URLs are configurable so tests use a
 * local stand-in over real HTTP.
 */
import "server-only";
import { z } from "zod";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";
import { orgKey, storage } from "@/lib/storage";
import { spool, SpoolTooLarge } from "@/lib/storage/spool";
import {
  claimDownload,
  LARGEST_ATTACHMENT,
  recordDownloaded,
  recordDownloadFailed,
  type PendingDownload,
} from "./attachments";

/** Download tries (the first right after ingest, then the job's retries) before a copy is marked failed. */
export const MAX_DOWNLOAD_ATTEMPTS = 5;

export type DownloadResult = "stored" | "failed" | "retry" | "skipped";

class DownloadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const retryableStatus = (status: number) => status === 429 || status >= 500;

async function fetchOk(url: string, headers: Record<string, string>): Promise<Response> {
  let response: Response;
  try {
    // Redirects are followed (Twilio answers with one to its file host); fetch drops the
    // Authorization header when a redirect leaves the origin.
    response = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new DownloadError(`network: ${(error as Error).message}`, true);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(`http_${response.status}`, retryableStatus(response.status));
  }
  return response;
}

const cloudMediaUrl = z.object({ url: z.url(), mime_type: z.string().optional() });

/** The provider's bytes for one pending copy, with their content type. */
async function fetchMedia(pending: PendingDownload): Promise<{ response: Response; contentType: string }> {
  const config = env();
  if (pending.provider === "twilio") {
    if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) throw new DownloadError("no_credentials", false);
    const url = new URL(pending.providerMediaUrl ?? "");
    const twilioOrigin = new URL(config.TWILIO_API_BASE_URL ?? "https://api.twilio.com").origin;
    if (url.origin !== twilioOrigin) throw new DownloadError("foreign_media_url", false);
    const basic = Buffer.from(`${config.TWILIO_ACCOUNT_SID}:${config.TWILIO_AUTH_TOKEN}`).toString("base64");
    const response = await fetchOk(url.toString(), { authorization: `Basic ${basic}` });
    return { response, contentType: response.headers.get("content-type") ?? pending.contentType };
  }
  if (!config.WHATSAPP_ACCESS_TOKEN) throw new DownloadError("no_credentials", false);
  const auth = { authorization: `Bearer ${config.WHATSAPP_ACCESS_TOKEN}` };
  const graph = config.WHATSAPP_GRAPH_URL.replace(/\/$/, "");
  const lookup = await fetchOk(`${graph}/${encodeURIComponent(pending.providerMediaId ?? "")}`, auth);
  const described = cloudMediaUrl.safeParse(await lookup.json().catch(() => null));
  if (!described.success) throw new DownloadError("bad_response", false);
  const response = await fetchOk(described.data.url, auth);
  return { response, contentType: described.data.mime_type ?? pending.contentType };
}

/** One attempt at copying one inbound file; `retry` when the provider had a passing problem. */
export async function downloadInboundMedia(attachmentId: string, messageId: string): Promise<DownloadResult> {
  const pending = await withService((tx) => claimDownload(tx, attachmentId, messageId));
  if (!pending) return "skipped";
  try {
    const { response, contentType } = await fetchMedia(pending);
    if (!response.body) throw new DownloadError("empty_body", false);
    const spooled = await spool(response.body, LARGEST_ATTACHMENT).catch((error: unknown) => {
      throw error instanceof SpoolTooLarge ? new DownloadError("too_large", false) : error;
    });
    try {
      const type = contentType.split(";")[0]!.trim().toLowerCase() || "application/octet-stream";
      const storageKey = orgKey(pending.orgId, "inbound", pending.id);
      await storage().put(storageKey, { path: spooled.path }, { size: spooled.size, contentType: type });
      await withService((tx) =>
        recordDownloaded(tx, pending.id, { storageKey, size: spooled.size, sha256: spooled.sha256, contentType: type }),
      );
      return "stored";
    } finally {
      await spooled.discard();
    }
  } catch (error) {
    const retryable = error instanceof DownloadError ? error.retryable : true;
    const final = !retryable || pending.attempts >= MAX_DOWNLOAD_ATTEMPTS;
    await withService((tx) => recordDownloadFailed(tx, pending.id, (error as Error).message, final));
    return final ? "failed" : "retry";
  }
}
