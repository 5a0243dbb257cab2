/**
 * The sandbox Google's codes and tokens. It keeps no state (app servers are stateless, and a
 * restart must not end every sandbox connection): each code and token carries its grant and is
 * signed with a key derived from this server's AUTH_SECRET, so only this installation's sandbox
 * honours it, and Google and every other installation see an opaque string. What statelessness
 * costs is documented where it shows: a code is good until it expires rather than once (Kiln's
 * own state is single-use, so a replay never reaches here through the callback), and a revoked
 * token keeps verifying (Kiln has deleted it by then).
 */
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";

const PREFIX = "kiln-sandbox";
export const SANDBOX_CLIENT_ID = "kiln-sandbox.apps.googleusercontent.test";

const key = (purpose: string) =>
  createHmac("sha256", env().AUTH_SECRET).update(`kiln-sandbox:google:${purpose}`).digest();

/** The sandbox OAuth client's secret: derived, so nothing has to be configured or stored. */
export const sandboxClientSecret = () => key("client-secret").toString("base64url");

const grantSchema = z.object({
  /** The Kiln organization and user whose sandbox account this is (its data is built from their leads). */
  org: z.uuid(),
  user: z.uuid(),
  sub: z.string(),
  email: z.string(),
  scopes: z.array(z.string()),
  /** When the account was first granted: the sandbox mailbox and calendar are dated from it. */
  anchor: z.number(),
});
export type SandboxGrant = z.infer<typeof grantSchema>;

const codeSchema = grantSchema.extend({ challenge: z.string(), redirectUri: z.string() });
export type SandboxCode = z.infer<typeof codeSchema>;

const KINDS = { code: codeSchema, access: grantSchema, refresh: grantSchema } as const;
type Kind = keyof typeof KINDS;

const LIFETIME_MS: Record<Kind, number | null> = { code: 5 * 60_000, access: 3_600_000, refresh: null };

/** `kiln-sandbox.<kind>.<payload>.<mac>`: the kind is signed too, so an access token is never taken as a code. */
export function issueSandboxToken<K extends Kind>(kind: K, payload: z.infer<(typeof KINDS)[K]>): string {
  const lifetime = LIFETIME_MS[kind];
  const body = Buffer.from(
    JSON.stringify({ ...payload, exp: lifetime ? Date.now() + lifetime : null, n: randomBytes(6).toString("hex") }),
  ).toString("base64url");
  const mac = createHmac("sha256", key("tokens")).update(`${kind}.${body}`).digest("base64url");
  return `${PREFIX}.${kind}.${body}.${mac}`;
}

/** The grant a token of this kind carries, or null for anything this sandbox did not issue (or that expired). */
export function openSandboxToken<K extends Kind>(kind: K, token: string): z.infer<(typeof KINDS)[K]> | null {
  const [prefix, tokenKind, body, mac] = token.split(".");
  if (prefix !== PREFIX || tokenKind !== kind || !body || !mac) return null;
  const expected = createHmac("sha256", key("tokens")).update(`${kind}.${body}`).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const exp = (decoded as { exp?: unknown }).exp;
  if (typeof exp === "number" && exp < Date.now()) return null;
  const parsed = KINDS[kind].safeParse(decoded);
  return parsed.success ? (parsed.data as z.infer<(typeof KINDS)[K]>) : null;
}

/** The account a Kiln user signs in to the sandbox Google as: stable per user, a Google-shaped numeric id. */
export const sandboxSubOf = (userId: string) =>
  `1${BigInt(`0x${createHmac("sha256", key("sub")).update(userId).digest("hex").slice(0, 15)}`)
    .toString()
    .padStart(20, "0")
    .slice(0, 20)}`;

/** Whether a token came from a sandbox (any installation's): such a token is never sent to Google. */
export const isSandboxToken = (token: string) => token.startsWith(`${PREFIX}.`);
