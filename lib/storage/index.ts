import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { localStore } from "./local";
import { s3Store } from "./s3";
import { supabaseStore } from "./supabase";
import type { ObjectStore } from "./types";

export type { ObjectStore, PutBody, StoredObject } from "./types";
export { isStorageKey, orgKey, orgOfKey } from "./keys";
export { checkFileUrl, signFileUrl } from "./signed-url";

/**
 * The configured store: an S3-compatible bucket when S3_BUCKET is set, else Supabase
 * Storage when SUPABASE_STORAGE_BUCKET is, else the local folder (STORAGE_DIR, by default
 * <KILN_DATA_DIR>/<NODE_ENV>/files). Built per call from the parsed environment.
 */
export function storage(): ObjectStore {
  const config = env();
  if (config.S3_BUCKET)
    return s3Store({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE === "true",
    });
  if (config.SUPABASE_STORAGE_BUCKET)
    return supabaseStore({
      url: config.NEXT_PUBLIC_SUPABASE_URL!,
      serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY!,
      bucket: config.SUPABASE_STORAGE_BUCKET,
    });
  return localStore(config.STORAGE_DIR ?? path.join(config.KILN_DATA_DIR, config.NODE_ENV, "files"));
}
