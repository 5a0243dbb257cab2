/**
 * The one reader of `ENCRYPTION_KEY`-style keys: 32 bytes written as 64 hex characters
 * (`openssl rand -hex 32`, what many deployment guides produce) or as base64 / base64url,
 * padded or not (`openssl rand -base64 32`). Anything else is refused rather than guessed:
 * a passphrase or a key of another length must not quietly become some other 32 bytes.
 */
export const KEY_BYTES = 32;

export const KEY_FORMAT_HINT = `must be ${KEY_BYTES} bytes: 64 hex characters (\`openssl rand -hex 32\`) or base64 (\`openssl rand -base64 32\`)`;

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;

/** The key's 32 bytes, or null when `value` is not a 32-byte key in hex or base64. */
export function parseKey(value: string): Buffer | null {
  const text = value.trim();
  if (HEX.test(text)) return Buffer.from(text, "hex");
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text.replace(/=+$/, ""), text.includes("-") || text.includes("_") ? "base64url" : "base64");
  // Node decodes leniently; only text that is exactly these bytes re-encoded counts.
  const canonical = bytes.toString("base64url");
  if (bytes.length !== KEY_BYTES || canonical !== text.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"))
    return null;
  return bytes;
}

export const isKey = (value: string) => parseKey(value) !== null;
