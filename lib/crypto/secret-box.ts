import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { KEY_BYTES, parseKey } from "./key";

/**
 * AES-256-GCM for secrets at rest (OAuth tokens, webhook signing keys).
 * Format: `v1.<iv>.<ciphertext>.<tag>`, each part base64url, so the value is one text
 * column and the version leaves room for key rotation later.
 *
 * The key is an argument (32 bytes in hex or base64, see ./key.ts), not read from the
 * environment here, so tests and a future key-rotation job can pass any key.
 */

const VERSION = "v1";
const IV_BYTES = 12; // The GCM standard size; other sizes are hashed into one, with no benefit.
const TAG_BYTES = 16;
const PART = /^[A-Za-z0-9_-]*$/;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

function decodeKey(encodedKey: string): Buffer {
  const key = parseKey(encodedKey);
  if (!key) throw new SecretBoxError(`The encryption key must be ${KEY_BYTES} bytes, as 64 hex characters or base64.`);
  return key;
}

/**
 * The version is authenticated together with the caller's associated data, so a value
 * cannot be relabelled as another version, and (with e.g. the org id as associated data)
 * a ciphertext copied into another organization's row does not open there.
 */
function aad(associatedData: string | undefined): Buffer {
  return Buffer.from(`kiln-secret-box:${VERSION}\0${associatedData ?? ""}`, "utf8");
}

export function seal(plaintext: string | Buffer, encodedKey: string, associatedData?: string): string {
  const key = decodeKey(encodedKey);
  // A random IV per message: with 96 bits, collisions stay negligible far beyond the
  // number of secrets this app will ever seal under one key.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(associatedData));
  const ciphertext = Buffer.concat([
    cipher.update(typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext),
    cipher.final(),
  ]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Throws SecretBoxError on a malformed value, the wrong key, the wrong associated data or any tampering. */
export function openBuffer(sealed: string, encodedKey: string, associatedData?: string): Buffer {
  const key = decodeKey(encodedKey);
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((part) => PART.test(part))) {
    throw new SecretBoxError("The sealed value is malformed.");
  }
  const [, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string];
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("The sealed value is malformed.");

  // authTagLength pins the tag size: without it, a truncated tag would be accepted.
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(associatedData));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextPart, "base64url")), decipher.final()]);
  } catch {
    // One message for every cause, so the error reveals nothing about which check failed.
    throw new SecretBoxError("The sealed value could not be opened (wrong key, wrong associated data, or tampered).");
  }
}

export function open(sealed: string, encodedKey: string, associatedData?: string): string {
  return openBuffer(sealed, encodedKey, associatedData).toString("utf8");
}
