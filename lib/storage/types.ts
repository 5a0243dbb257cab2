/**
 * Where files live, whatever holds them (a local folder, an S3-compatible bucket, Supabase
 * Storage). Keys are paths below an organization's id (`<org id>/<kind>/<id>`, see keys.ts);
 * who may read a key is decided before a store is asked (RLS on the row naming the key, or a
 * signed URL), never by the store.
 */
import type { Readable } from "node:stream";

/** A file's bytes: in memory, or a file on local disk (a spooled upload or download). */
export type PutBody = Uint8Array | { path: string };

export type StoredObject = { size: number; contentType: string };

export type ObjectStore = {
  readonly name: "local" | "s3" | "supabase";
  put(key: string, body: PutBody, meta: StoredObject): Promise<void>;
  /** The bytes as a stream, or null when there is no such key. */
  get(key: string): Promise<(StoredObject & { body: Readable }) | null>;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /**
   * A URL anyone holding it can fetch the file from until it expires (a provider fetching
   * an outbound attachment): the bucket's own presigned URL, or for the local folder Kiln's
   * HMAC-signed /api/files route (signed-url.ts).
   */
  signedUrl(key: string, expiresInSeconds: number): Promise<string>;
};
