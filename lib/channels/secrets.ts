import "server-only";
import { createHmac } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { notFound } from "@/lib/http/errors";

/**
 * How inbound Twilio and WhatsApp webhooks are verified, and which organizations a verified
 * delivery may reach.
 *
 * Live (TWILIO_AUTH_TOKEN / WHATSAPP_APP_SECRET set): the provider's own secret; a delivery
 * is routed by the number it was sent to, across the installation.
 *
 * Sandbox (no provider secret): each organization has its own webhook URL (`?org=<id>`) and
 * its own secrets, derived from AUTH_SECRET and the organization's id the way Calendly's
 * sandbox key is. A delivery signed with them can only ever reach that organization's
 * channels, so the secrets shown to one organization's admins open nothing anywhere else.
 */
export type WebhookProvider = "twilio" | "whatsapp";

type SandboxSecretName = WebhookProvider | "whatsapp-verify";

export function sandboxSecret(orgId: string, name: SandboxSecretName): string {
  return createHmac("sha256", env().AUTH_SECRET).update(`kiln-sandbox-webhook:${name}:${orgId}`).digest("hex");
}

/** Whether each provider's webhooks run in sandbox mode here (no provider secret configured). */
export function sandboxWebhooks(): { twilio: boolean; whatsapp: boolean } {
  const config = env();
  return { twilio: !config.TWILIO_AUTH_TOKEN, whatsapp: !config.WHATSAPP_APP_SECRET };
}

/** A delivery's verification key and, for a sandbox delivery, the only organization it may reach. */
export type WebhookKey = { secret: string; sandboxOrg: string | null };

const uuid = z.uuid();

/** The `?org=` of a sandbox webhook URL; refused when absent or when the provider runs live. */
function sandboxOrgOf(url: URL, provider: WebhookProvider): string | null {
  const org = url.searchParams.get("org");
  if (!sandboxWebhooks()[provider]) {
    if (org !== null)
      throw notFound("Sandbox deliveries are off: this installation verifies webhooks with the provider's own secret.");
    return null;
  }
  if (org === null || !uuid.safeParse(org).success) {
    throw notFound("In sandbox mode each organization has its own webhook URL (Settings → Channels).");
  }
  return org;
}

export function webhookKey(url: URL, provider: WebhookProvider): WebhookKey {
  const sandboxOrg = sandboxOrgOf(url, provider);
  const config = env();
  if (sandboxOrg) return { secret: sandboxSecret(sandboxOrg, provider), sandboxOrg };
  return { secret: (provider === "twilio" ? config.TWILIO_AUTH_TOKEN : config.WHATSAPP_APP_SECRET)!, sandboxOrg: null };
}

/** The token Meta's subscription handshake must echo; null when none is configured (refused). */
export function whatsappVerifyToken(url: URL): string | null {
  const sandboxOrg = sandboxOrgOf(url, "whatsapp");
  return sandboxOrg ? sandboxSecret(sandboxOrg, "whatsapp-verify") : (env().WHATSAPP_VERIFY_TOKEN ?? null);
}

/** Appends the organization to a webhook URL while that provider runs in sandbox mode. */
export function webhookUrl(path: string, provider: WebhookProvider, orgId: string): string {
  const url = new URL(path, env().APP_URL);
  if (sandboxWebhooks()[provider]) url.searchParams.set("org", orgId);
  return url.toString();
}

/** What Settings → Channels shows one organization's admins while a provider runs in sandbox mode. */
export function sandboxSecretsOf(orgId: string) {
  const sandbox = sandboxWebhooks();
  return {
    ...(sandbox.twilio ? { twilioSigningSecret: sandboxSecret(orgId, "twilio") } : {}),
    ...(sandbox.whatsapp
      ? {
          whatsappAppSecret: sandboxSecret(orgId, "whatsapp"),
          whatsappVerifyToken: sandboxSecret(orgId, "whatsapp-verify"),
        }
      : {}),
  };
}
