/**
 * Streamed multipart/form-data: one file part read as it arrives, never held whole.
 *
 * The platform's `formData()` buffers the entire body before answering; busboy parses it
 * as it streams, with backpressure: while nobody reads the file part, busboy stops taking
 * bytes and so the request body stops being pulled from the client.
 */
import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { cappedBody } from "./body";
import { badRequest, HttpError } from "./errors";

export type MultipartFile = {
  /** The file part's bytes as they arrive; cancelling it stops reading the request. */
  file: ReadableStream<Uint8Array>;
  /** The part's file name and content type as the client declared them (unchecked). */
  filename: string;
  mimeType: string;
  /** The text fields sent before the file part (the first of each name). */
  before: ReadonlyMap<string, string>;
  /** Every text field (the first of each name), once the whole body has been read. */
  fields: () => Promise<ReadonlyMap<string, string>>;
};

/** A 413 from the byte cap stays itself; anything else wrong with the body is a 400. */
const readError = (error: unknown) => (error instanceof HttpError ? error : badRequest("multipartUnreadable"));

/** A Node stream as a web stream that pulls one chunk per read, so backpressure reaches the parser. */
function partStream(part: Readable, stop: () => void): ReadableStream<Uint8Array> {
  const chunks = part[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value as Uint8Array);
        } catch (error) {
          controller.error(readError(error));
        }
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
}

/**
 * Opens the file part named `name` of a multipart body of at most `limit` bytes (413 at the
 * first byte past it, see cappedBody). Resolves as soon as that part begins, or with null
 * when the body ends without it; other file parts are skipped. Fields are kept as text
 * (each within the same cap), so a field sent after the file is read once the file is.
 */
export async function openMultipartFile(request: Request, name: string, limit: number): Promise<MultipartFile | null> {
  const body = cappedBody(request, limit);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      limits: { fieldSize: limit },
    });
  } catch {
    await body.cancel();
    throw readError(null);
  }
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const fields = new Map<string, string>();
  parser.on("field", (field, value) => {
    if (!fields.has(field)) fields.set(field, value);
  });
  const finished = pipeline(source, parser).then(
    () => fields as ReadonlyMap<string, string>,
    (error: unknown) => Promise.reject(readError(error)),
  );
  // A reader that stops early (a preview) never asks for the fields; that is not an unhandled failure.
  finished.catch(() => undefined);
  return new Promise<MultipartFile | null>((resolve, reject) => {
    let found = false;
    parser.on("file", (field, part, info) => {
      // A part fails when the body does; that failure is reported through the pipeline and the reads.
      part.on("error", () => undefined);
      if (found || field !== name) return void part.resume();
      found = true;
      resolve({
        file: partStream(part, () => void source.destroy()),
        filename: info.filename ?? "",
        mimeType: info.mimeType ?? "",
        before: new Map(fields),
        fields: () => finished,
      });
    });
    finished.then(() => resolve(null), reject);
  });
}
