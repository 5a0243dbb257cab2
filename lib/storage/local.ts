import "server-only";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { isStorageKey } from "./keys";
import { signFileUrl } from "./signed-url";
import type { ObjectStore, PutBody, StoredObject } from "./types";

/**
 * Files in a local folder (the default): `<root>/<key>` and its description beside it in
 * `<key>.json`. Outside public/, so nothing is served without a check; written to a
 * temporary name and renamed, so a reader never sees half a file.
 */
export function localStore(root: string): ObjectStore {
  const fileOf = (key: string) => {
    // Keys are validated before any path is built; the resolve check is the second lock.
    if (!isStorageKey(key)) throw new Error("Not a storage key.");
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error("Not a storage key.");
    return file;
  };
  const readMeta = async (key: string): Promise<StoredObject | null> => {
    try {
      return JSON.parse(await readFile(`${fileOf(key)}.json`, "utf8")) as StoredObject;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  };
  return {
    name: "local",
    async put(key: string, body: PutBody, meta: StoredObject) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.part`;
      if (body instanceof Uint8Array) await writeFile(temp, body);
      else await copyFile(body.path, temp);
      await writeFile(`${file}.json`, JSON.stringify({ size: meta.size, contentType: meta.contentType }));
      await rename(temp, file);
    },
    async get(key) {
      const meta = await readMeta(key);
      if (!meta) return null;
      try {
        await stat(fileOf(key));
      } catch {
        return null;
      }
      return { ...meta, body: createReadStream(fileOf(key)) };
    },
    stat: readMeta,
    async delete(key) {
      await rm(fileOf(key), { force: true });
      await rm(`${fileOf(key)}.json`, { force: true });
    },
    async signedUrl(key, expiresInSeconds) {
      fileOf(key);
      return signFileUrl(key, expiresInSeconds);
    },
  };
}
