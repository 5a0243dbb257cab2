/**
 * How Kiln reaches a mailbox's own mail servers (IMAP with imapflow, SMTP with nodemailer):
 * where a host may point, and what went wrong, as one of a few kinds Settings translates.
 *
 * The host is an admin's choice, so it goes through the outbound-address guard (lib/http/outbound)
 * like any tenant-chosen URL: a mail server on the installation's own network (or the cloud's
 * metadata address) is refused, and the socket connects to the very address that was checked,
 * with the typed name kept for TLS (no second DNS lookup to rebind). Loopback is allowed outside
 * production only, for local servers in development and tests.
 */
import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { assertPublicUrl, OutboundUrlError, type ResolvedAddress } from "@/lib/http/outbound";
import type { MailErrorKind } from "./schema";

export type { MailErrorKind } from "./schema";

export class MailServerError extends Error {
  constructor(
    readonly kind: MailErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "MailServerError";
  }
}

/** How long one step (connect, greeting, a command) may take before the server counts as not answering. */
export const MAIL_TIMEOUT_MS = 15_000;

const isLoopback = (address: string) => ipaddr.isValid(address) && ipaddr.process(address).range() === "loopback";

/**
 * The address to connect to for `host`; refused (host_refused) when it is not public, or
 * host_unreachable when the name does not resolve.
 */
export async function mailServerAddress(host: string, port: number): Promise<ResolvedAddress> {
  const bare = host.replace(/^\[|\]$/g, "");
  const literal = bare.includes(":") ? `[${bare}]` : bare;
  try {
    const { addresses } = await assertPublicUrl(`https://${literal}:${port}/`, { protocols: ["https:"] });
    return addresses[0]!;
  } catch (error) {
    if (!(error instanceof OutboundUrlError)) throw error;
    if (error.reason === "unresolvable") throw new MailServerError("host_unreachable", error.message);
    if (error.reason === "private_address" && env().NODE_ENV !== "production") {
      const loopback = ipaddr.isValid(bare) ? (isLoopback(bare) ? bare : null) : await firstLoopback(bare);
      if (loopback) return { address: loopback, family: loopback.includes(":") ? 6 : 4 };
    }
    throw new MailServerError("host_refused", error.message);
  }
}

async function firstLoopback(host: string): Promise<string | null> {
  const all = await lookup(host, { all: true, verbatim: true }).catch(() => []);
  return all.length && all.every((a) => isLoopback(a.address)) ? all[0]!.address : null;
}

type ClientError = Error & {
  code?: string;
  authenticationFailed?: boolean;
  responseCode?: number;
  serverResponseCode?: string;
  responseText?: string;
  mailboxMissing?: boolean;
  cause?: unknown;
};

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
]);
const TIMEOUT = new Set([
  "ETIMEDOUT",
  "ETIMEOUT",
  "CONNECT_TIMEOUT",
  "GREETING_TIMEOUT",
  "UPGRADE_TIMEOUT",
  "NoConnection",
]);

/** The kind of an imapflow or nodemailer failure; anything unrecognised is the server's protocol misbehaving. */
export function mailErrorKind(error: unknown): MailErrorKind {
  if (error instanceof MailServerError) return error.kind;
  const e = (error ?? {}) as ClientError;
  const code = e.code ?? "";
  const text = `${e.message ?? ""} ${e.responseText ?? ""}`;
  if (e.authenticationFailed || code === "EAUTH" || e.serverResponseCode === "AUTHENTICATIONFAILED")
    return "auth_failed";
  if (e.mailboxMissing || e.serverResponseCode === "NONEXISTENT") return "folder_missing";
  if (TIMEOUT.has(code) || /timed? ?out/i.test(text)) return "timeout";
  if (
    code === "ETLS" ||
    /^ERR_(TLS|SSL)|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ||
    /\b(ssl|tls|certificate)\b/i.test(text)
  )
    return "tls_error";
  if (UNREACHABLE.has(code) || code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS")
    return "host_unreachable";
  if (e.cause) return mailErrorKind(e.cause);
  return "protocol_error";
}
