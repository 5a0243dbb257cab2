import { badRequest, HttpError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) => new HttpError(413, "Content too large", `The request body must be at most ${+(limit / 1024 / 1024).toFixed(2)} MB.`);

/** Reads at most MAX_BODY_BYTES as UTF-8 text (invalid bytes become U+FFFD). */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBodyBytes(request, limit));
}

/**
 * Reads at most `limit` bytes, refusing early on a declared or streamed oversize body: it
 * stops reading (and cancels the stream) at the first chunk past the limit.
 */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new HttpError(415, "Unsupported media type", "Send the body as application/json.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}
