/**
 * The one way the server calls a URL that a user or a tenant chose (web push endpoints today,
 * outbound webhooks next), so that such a URL cannot turn the server into a scanner of its own
 * network (SSRF).
 *
 *   assertPublicUrl(url, policy, options?) → Promise<{ url, addresses }>
 *     Parses with the WHATWG URL parser (so `http://2130706433/`, `0x7f.1` and `0177.0.0.1` are
 *     already 127.0.0.1 when checked), refuses credentials, schemes, ports and hosts outside the
 *     policy, resolves the host and refuses it when ANY address is not public unicast (loopback,
 *     private, link-local incl. 169.254.169.254, CGNAT, unique-local incl. fd00:ec2::254,
 *     IPv4-mapped / NAT64 / 6to4 / Teredo forms, multicast, reserved). Throws OutboundUrlError.
 *   guardedFetch(url, init, policy, options?) → Promise<Response>
 *     assertPublicUrl, then ONE request whose socket connects only to the addresses just checked
 *     (a pinned `lookup`: the name is not resolved again, so DNS rebinding between check and
 *     connect has nothing to switch). Redirects are never followed (a 3xx comes back as is);
 *     time and response size are bounded.
 *
 * `options.resolve` replaces DNS (tests); `policy.trustedOrigins` are exact origins the operator
 * configured (e.g. a push service on the own network): they skip the address check, nothing else.
 */
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export type OutboundPolicy = {
  /** Allowed schemes; default https only. */
  protocols?: readonly ("https:" | "http:")[];
  /** Host patterns: `push.example.org` exactly, `*.example.org` any subdomain of it. Omitted: any public host. */
  hosts?: readonly string[];
  /** Allowed ports; omitted: any. The scheme's default port counts as that number. */
  ports?: readonly number[];
  /** Exact origins (`http://ntfy.lan:8080`) the operator trusts: allowed even on private addresses. */
  trustedOrigins?: readonly string[];
};

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type OutboundRefusal =
  "invalid_url" | "credentials" | "protocol" | "host" | "port" | "unresolvable" | "private_address";

export class OutboundUrlError extends Error {
  constructor(
    readonly reason: OutboundRefusal,
    message: string,
  ) {
    super(message);
    this.name = "OutboundUrlError";
  }
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Only ordinary public unicast; ipaddr.js names every special-purpose range something else. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process(): an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  return ipaddr.process(address).range() === "unicast";
}

const defaultPort = (protocol: string) => (protocol === "https:" ? 443 : 80);

/** `*.example.org` matches any subdomain (not example.org itself); other patterns match exactly. */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  const p = pattern.trim().toLowerCase().replace(/\.$/, "");
  return p.startsWith("*.") ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
}

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, "");

export async function assertPublicUrl(
  input: string | URL,
  policy: OutboundPolicy = {},
  options: { resolve?: Resolver } = {},
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundUrlError("invalid_url", "The URL is not valid.");
  }
  if (url.username || url.password)
    throw new OutboundUrlError("credentials", "The URL must not carry a user name or password.");
  const host = bareHost(url.hostname);
  const trusted = (policy.trustedOrigins ?? []).some((origin) => {
    try {
      return new URL(origin).origin === url.origin;
    } catch {
      return false;
    }
  });
  if (!trusted) {
    if (!(policy.protocols ?? ["https:"]).includes(url.protocol as "https:"))
      throw new OutboundUrlError("protocol", "The URL must use https.");
    if (policy.hosts && !policy.hosts.some((pattern) => hostMatches(host, pattern)))
      throw new OutboundUrlError("host", "That host is not allowed.");
    const port = url.port ? Number(url.port) : defaultPort(url.protocol);
    if (policy.ports && !policy.ports.includes(port)) throw new OutboundUrlError("port", "That port is not allowed.");
  }

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      addresses = [];
    }
    if (!addresses.length) throw new OutboundUrlError("unresolvable", "The host name does not resolve.");
  }
  // Every address, not just the first: a name with one public and one private address is refused.
  if (!trusted && !addresses.every((a) => isPublicAddress(a.address))) {
    throw new OutboundUrlError("private_address", "The host resolves to a private or reserved address.");
  }
  return { url, addresses };
}

/** A lookup that answers with the already-checked addresses only, never asking DNS again. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as LookupFunction;
}

export type GuardedRequestInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whole request deadline; default 10 s. */
  timeoutMs?: number;
  /** Response bytes kept; the rest is discarded (default 64 KiB). */
  maxResponseBytes?: number;
  signal?: AbortSignal;
};

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export async function guardedFetch(
  input: string | URL,
  init: GuardedRequestInit = {},
  policy: OutboundPolicy = {},
  options: { resolve?: Resolver } = {},
): Promise<Response> {
  const { url, addresses } = await assertPublicUrl(input, policy, options);
  const signal = AbortSignal.any([
    AbortSignal.timeout(init.timeoutMs ?? 10_000),
    ...(init.signal ? [init.signal] : []),
  ]);
  const maxBytes = init.maxResponseBytes ?? 64 * 1024;
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<Response>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers,
        lookup: pinnedLookup(addresses),
        // No pooled socket: a kept-alive connection could outlive the check that allowed it.
        agent: false,
        signal,
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept >= maxBytes) return;
          chunks.push(chunk.subarray(0, maxBytes - kept));
          kept += Math.min(chunk.length, maxBytes - kept);
        });
        response.on("error", reject);
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          // A status Response cannot carry (1xx, > 599) is a broken upstream: 502.
          const safe = status >= 200 && status <= 599 ? status : 502;
          resolve(new Response(NULL_BODY_STATUS.has(safe) ? null : Buffer.concat(chunks), { status: safe, headers }));
        });
      },
    );
    request.on("error", reject);
    request.end(init.body === undefined ? undefined : Buffer.from(init.body));
  });
}
