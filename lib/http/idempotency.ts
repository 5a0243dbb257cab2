/**
 * `Idempotency-Key` for API key requests (the IETF httpapi idempotency-key draft): the first
 * answer to a POST sent with a key is stored (public.api_idempotency_keys) and replayed for
 * 24 hours to every retry with the same key, so a client that lost the answer can simply
 * send again. The same key with a different request is a 422; a retry while the first is
 * still running is a 409. Server errors are not stored: the retry runs again.
 */
import "server-only";
import { createHash } from "node:crypto";
import { withService, type Tx } from "@/lib/db";
import { conflict, HttpError } from "./errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** Headers a replay repeats; the rest (request id, rate limits) belong to the retry itself. */
const KEPT_HEADERS = ["content-type", "location", "content-disposition"];

type Stored = {
  request_hash: string;
  status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
};

/** The Idempotency-Key of a request, null without one, a 400 when it cannot be one. */
export function idempotencyKey(request: Request): string | null {
  const value = request.headers.get(IDEMPOTENCY_HEADER);
  if (value === null) return null;
  // Structured-field strings arrive quoted; plain tokens are accepted as they are.
  const key = value.trim().replace(/^"(.*)"$/, "$1");
  if (!KEY_FORMAT.test(key)) throw new HttpError(400, "Bad request", "idempotencyKeyInvalid");
  return key;
}

async function fingerprint(request: Request): Promise<string> {
  const url = new URL(request.url);
  const body = Buffer.from(await request.clone().arrayBuffer());
  return createHash("sha256").update(`${request.method}\n${url.pathname}\n${url.search}\n`).update(body).digest("hex");
}

/**
 * Runs `handle` once per (API key, Idempotency-Key) within 24 hours and answers every
 * repeat with the first response.
 */
export async function withIdempotency(
  request: Request,
  apiKeyId: string,
  key: string,
  handle: () => Promise<Response>,
): Promise<Response> {
  const hash = await fingerprint(request);
  const path = new URL(request.url).pathname;
  const existing = await withService(async (tx) => {
    await tx.query(
      `delete from public.api_idempotency_keys
        where api_key_id = $1 and idempotency_key = $2
          and (created_at < now() - interval '24 hours'
               -- A first request that never finished (its process died) does not block the key for a day.
               or status is null and created_at < now() - interval '5 minutes')`,
      [apiKeyId, key],
    );
    const inserted = await tx.query(
      `insert into public.api_idempotency_keys (api_key_id, idempotency_key, method, path, request_hash)
       values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [apiKeyId, key, request.method, path, hash],
    );
    if (inserted.rowCount) return null;
    const { rows } = await tx.query<Stored>(
      `select request_hash, status, response_headers, response_body from public.api_idempotency_keys
        where api_key_id = $1 and idempotency_key = $2`,
      [apiKeyId, key],
    );
    return rows[0] ?? null;
  });

  if (existing) {
    if (existing.request_hash !== hash)
      throw new HttpError(422, "Unprocessable content", "idempotencyKeyReused", { code: "idempotency_key_reused" });
    if (existing.status === null) throw conflict("idempotencyKeyInProgress");
    const replay = new Response(existing.status === 204 ? null : existing.response_body, {
      status: existing.status,
      headers: existing.response_headers ?? {},
    });
    replay.headers.set("idempotent-replayed", "true");
    return replay;
  }

  let response: Response;
  try {
    response = await handle();
  } catch (error) {
    await forget(apiKeyId, key);
    throw error;
  }
  if (response.status >= 500) {
    await forget(apiKeyId, key);
    return response;
  }
  const body = await response.clone().text();
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await withService((tx) =>
    tx.query(
      `update public.api_idempotency_keys set status = $3, response_headers = $4, response_body = $5
        where api_key_id = $1 and idempotency_key = $2`,
      [apiKeyId, key, response.status, headers, body],
    ),
  );
  return response;
}

async function forget(apiKeyId: string, key: string): Promise<void> {
  await withService((tx) =>
    tx.query("delete from public.api_idempotency_keys where api_key_id = $1 and idempotency_key = $2", [apiKeyId, key]),
  );
}

/** Drops answers older than 24 hours (nothing replays them any more). For the daily prune job. */
export async function pruneIdempotencyKeys(tx: Tx): Promise<number> {
  const { rowCount } = await tx.query(
    "delete from public.api_idempotency_keys where created_at < now() - interval '24 hours'",
  );
  return rowCount;
}
