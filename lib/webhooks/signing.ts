import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { env } from "@/lib/env";
import { open, seal } from "@/lib/crypto/secret-box";

/**
 * Signing secrets and signatures per the Standard Webhooks specification, through its
 * reference implementation (`standardwebhooks`): `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">`. During a rotation's overlap both secrets sign, space-separated,
 * so a receiver still holding the old one keeps verifying.
 */

/** A new secret: `whsec_` and 32 random bytes in base64, the form receivers' libraries take. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** What an admin sees of a secret later: enough to tell two apart. */
export const secretHint = (secret: string) => `${secret.slice(0, 10)}…`;

// The endpoint id as associated data: a sealed secret copied into another row does not open.
const aad = (endpointId: string) => `webhook-endpoint:${endpointId}`;
export const sealSecret = (endpointId: string, secret: string) => seal(secret, env().ENCRYPTION_KEY, aad(endpointId));
export const openSecret = (endpointId: string, sealed: string) => open(sealed, env().ENCRYPTION_KEY, aad(endpointId));

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** The three headers for `body`, signed with every secret given (current first). */
export function signDelivery(messageId: string, at: Date, body: string, secrets: string[]): SignedHeaders {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
