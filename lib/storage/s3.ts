import "server-only";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ObjectStore, StoredObject } from "./types";

export type S3Options = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
};

const missing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
};

/**
 * An S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Supabase Storage's S3 endpoint)
 * through the official SDK. Without explicit keys the SDK's own credential chain applies
 * (instance roles, AWS_* variables). Providers fetch outbound files from presigned URLs.
 */
export function s3Store(options: S3Options): ObjectStore {
  const config: S3ClientConfig = {
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
  };
  // One client per call: nothing request-scoped lives in a module global.
  const client = () => new S3Client(config);
  const Bucket = options.bucket;
  return {
    name: "s3",
    async put(key, body, meta) {
      await client().send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: body instanceof Uint8Array ? body : createReadStream(body.path),
          ContentLength: meta.size,
          ContentType: meta.contentType,
        }),
      );
    },
    async get(key) {
      try {
        const object = await client().send(new GetObjectCommand({ Bucket, Key: key }));
        if (!object.Body) return null;
        return {
          size: object.ContentLength ?? 0,
          contentType: object.ContentType ?? "application/octet-stream",
          body: object.Body as Readable,
        };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async stat(key): Promise<StoredObject | null> {
      try {
        const head = await client().send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client().send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    signedUrl(key, expiresInSeconds) {
      return getSignedUrl(client(), new GetObjectCommand({ Bucket, Key: key }), { expiresIn: expiresInSeconds });
    },
  };
}
