import "server-only";
import { openAsBlob } from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { ObjectStore } from "./types";

export type SupabaseStorageOptions = { url: string; serviceRoleKey: string; bucket: string };

/**
 * A private Supabase Storage bucket through supabase-js, with the service-role key: it
 * bypasses Storage's own policies, which is why callers decide access first (RLS on the row
 * naming the key). Providers fetch outbound files from Storage's signed URLs.
 */
export function supabaseStore(options: SupabaseStorageOptions): ObjectStore {
  // Loaded on first use: supabase-js warns about Node 20 as it loads, which only a deployment
  // that chose Supabase Storage should see.
  const bucket = async () => {
    const { createClient } = await import("@supabase/supabase-js");
    return createClient(options.url, options.serviceRoleKey, { auth: { persistSession: false } }).storage.from(
      options.bucket,
    );
  };
  const notFound = (error: { message?: string; statusCode?: string | number } | null) =>
    error && (String(error.statusCode) === "404" || /not found/i.test(error.message ?? ""));
  return {
    name: "supabase",
    async put(key, body, meta) {
      const blob =
        body instanceof Uint8Array
          ? new Blob([body as Uint8Array<ArrayBuffer>], { type: meta.contentType })
          : await openAsBlob(body.path, { type: meta.contentType });
      const { error } = await (await bucket()).upload(key, blob, { contentType: meta.contentType, upsert: true });
      if (error) throw error;
    },
    async get(key) {
      const { data, error } = await (await bucket()).download(key);
      if (notFound(error as never)) return null;
      if (error) throw error;
      return {
        size: data.size,
        contentType: data.type || "application/octet-stream",
        body: Readable.fromWeb(data.stream() as NodeReadableStream<Uint8Array>),
      };
    },
    async stat(key) {
      const { data, error } = await (await bucket()).info(key);
      if (notFound(error as never)) return null;
      if (error) throw error;
      return { size: data.size ?? 0, contentType: data.contentType ?? "application/octet-stream" };
    },
    async delete(key) {
      const { error } = await (await bucket()).remove([key]);
      if (error) throw error;
    },
    async signedUrl(key, expiresInSeconds) {
      const { data, error } = await (await bucket()).createSignedUrl(key, expiresInSeconds);
      if (error) throw error;
      return data.signedUrl;
    },
  };
}
