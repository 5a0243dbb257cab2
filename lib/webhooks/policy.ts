import "server-only";
import { env } from "@/lib/env";
import { invalid } from "@/lib/http/errors";
import { assertPublicUrl, OutboundUrlError, type OutboundPolicy, type Resolver } from "@/lib/http/outbound";

/**
 * Where an outbound webhook may point. In production (NODE_ENV=production) only https URLs
 * whose every address is public unicast: no loopback, private, link-local (cloud metadata),
 * CGNAT, unique-local or other special range (lib/http/outbound.ts classifies with ipaddr.js).
 * KILN_WEBHOOKS_ALLOW_PRIVATE=true lifts that for a development machine or a test run (http
 * and local receivers); "false" enforces it outside production too.
 *
 * Checked when an endpoint is saved (a clear 422) and again at every delivery, after DNS
 * resolution, with the connection pinned to the checked address and redirects not followed.
 */
export function privateAddressesAllowed(): boolean {
  const config = env();
  if (config.KILN_WEBHOOKS_ALLOW_PRIVATE) return config.KILN_WEBHOOKS_ALLOW_PRIVATE === "true";
  return config.NODE_ENV !== "production";
}

export type AddressOptions = { allowPrivate?: boolean; resolve?: Resolver };

/** The outbound policy for one endpoint URL. */
export function webhookPolicy(url: string, options: AddressOptions = {}): OutboundPolicy {
  if (!(options.allowPrivate ?? privateAddressesAllowed())) return { protocols: ["https:"] };
  let origin: string | null = null;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = null;
  }
  // Trusting the endpoint's own origin skips the scheme and address checks, nothing else.
  return { protocols: ["https:", "http:"], trustedOrigins: origin ? [origin] : [] };
}

/** Refuses an endpoint URL the delivery would refuse, as a 422 on the `url` field. */
export async function assertWebhookUrl(url: string, options: AddressOptions = {}): Promise<void> {
  try {
    await assertPublicUrl(url, webhookPolicy(url, options), { resolve: options.resolve });
  } catch (error) {
    if (!(error instanceof OutboundUrlError)) throw error;
    const message =
      error.reason === "protocol"
        ? "webhookUrlHttps"
        : error.reason === "unresolvable"
          ? "webhookUrlUnresolvable"
          : error.reason === "private_address"
            ? "webhookUrlPrivate"
            : "webhookUrlInvalid";
    throw invalid({ url: [message] });
  }
}
