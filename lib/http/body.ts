import { badRequest, HttpError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  new HttpError(413, "Content too large", {
    key: "bodyTooLarge",
    values: { megabytes: +(limit / 1024 / 1024).toFixed(2) },
  });

/** Reads at most MAX_BODY_BYTES as UTF-8 text (invalid bytes become U+FFFD). */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBodyBytes(request, limit));
}

/**
 * The body as a stream that errors with a 413 at the first chunk past `limit` (and stops
 * pulling from the client), for bodies read piece by piece rather than held whole.
 */
export function cappedBody(request: Request, limit: number): ReadableStream<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new ReadableStream({ start: (controller) => controller.close() });
  let size = 0;
  return request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** Reads at most `limit` bytes, refusing a declared or streamed oversize body early (see cappedBody). */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const reader = cappedBody(request, limit).getReader();
  const chunks: Uint8Array[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks);
}

/** Deeper than any body we accept; a JSON bomb of nested brackets stops here, before parsing. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of objects and arrays in JSON text, stopping early past `limit`. */
function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Parses JSON text from a client: malformed or too deeply nested is a 400, and `__proto__`
 * keys are dropped (they would otherwise rewrite an object's prototype when copied).
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonDepthExceeds(text, maxDepth)) throw badRequest({ key: "jsonTooDeep", values: { maxDepth } });
  try {
    return JSON.parse(text, (key, value) => (key === "__proto__" ? undefined : value));
  } catch {
    throw badRequest("jsonInvalid");
  }
}

/** The JSON body of at most MAX_BODY_BYTES (413 beyond); an empty body is `{}`. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new HttpError(415, "Unsupported media type", "sendJson");
  }
  return parseJsonText(text);
}
