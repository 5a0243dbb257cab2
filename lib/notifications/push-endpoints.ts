import "server-only";
import { env } from "@/lib/env";
import { assertPublicUrl, OutboundUrlError, type OutboundPolicy, type Resolver } from "@/lib/http/outbound";

/**
 * Which push endpoints the server will call. A browser's subscription names its vendor's push
 * service; anything else is someone pointing the server at a URL of their choice (SSRF), so only
 * these services over HTTPS on port 443 and public addresses are accepted — at subscribe time and
 * again at every send (a subscription saved before this rule, or a name that now resolves
 * elsewhere, is refused too).
 */
export const KNOWN_PUSH_SERVICES = [
  "fcm.googleapis.com", // Chrome, Edge on Android, Opera, Samsung Internet
  "updates.push.services.mozilla.com", // Firefox
  "*.push.services.mozilla.com",
  "*.push.apple.com", // Safari
  "*.notify.windows.com", // Edge's legacy WNS
] as const;

/**
 * PUSH_SERVICE_HOSTS adds self-hosted services: a host pattern (`push.example.org`,
 * `*.push.example.org`) gets the same rules as the known ones; an origin (`http://ntfy.lan:8080`)
 * is trusted exactly as written, even on a private address, because the operator named it.
 */
export function pushEndpointPolicy(configured: string | undefined = env().PUSH_SERVICE_HOSTS): OutboundPolicy {
  const entries = (configured ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const origins = entries.filter((e) => e.includes("://")).map((e) => new URL(e).origin);
  const hosts = entries.filter((e) => !e.includes("://"));
  return { protocols: ["https:"], ports: [443], hosts: [...KNOWN_PUSH_SERVICES, ...hosts], trustedOrigins: origins };
}

/**
 * The field error for an endpoint the server will not call, or null when it may. A name that
 * does not resolve right now is accepted: it is on the allow-list, and every send checks again.
 */
export async function pushEndpointProblem(
  endpoint: string,
  options: { resolve?: Resolver; policy?: OutboundPolicy } = {},
): Promise<string | null> {
  try {
    await assertPublicUrl(endpoint, options.policy ?? pushEndpointPolicy(), { resolve: options.resolve });
    return null;
  } catch (error) {
    if (!(error instanceof OutboundUrlError)) throw error;
    if (error.reason === "unresolvable") return null;
    return "pushEndpointUnknownService"; // a `validation` key: the 422 renders it for the caller
  }
}
