import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * The official Stripe SDK. A client is made per call (nothing request-scoped in a module
 * global); STRIPE_API_BASE_URL points it at a local stand-in in tests.
 */
export function stripeClient(): Stripe | null {
  const key = env().STRIPE_SECRET_KEY;
  if (!key) return null;
  return new Stripe(key, { ...apiTarget(), maxNetworkRetries: 2, appInfo: { name: "Kiln" } });
}

/** The SDK's webhook helpers (constructEvent, generateTestHeaderString) need no API key. */
export function stripeWebhooks(): Stripe["webhooks"] {
  return (stripeClient() ?? new Stripe("sk_test_kiln_sandbox_no_api_calls")).webhooks;
}

function apiTarget(): { host?: string; port?: number; protocol?: "http" | "https" } {
  const base = env().STRIPE_API_BASE_URL;
  if (!base) return {};
  const url = new URL(base);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    protocol: url.protocol === "http:" ? "http" : "https",
  };
}
