import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Without provider credentials there is no provider secret to verify webhooks with, yet
 * the sandbox still takes signed webhooks (simulated deliveries, local testing with curl).
 * Each provider then gets a secret derived from AUTH_SECRET: stable per installation,
 * shown to admins in Settings → Channels, useless anywhere else.
 */
export function sandboxSecret(name: "twilio" | "whatsapp" | "whatsapp-verify"): string {
  return createHmac("sha256", env().AUTH_SECRET).update(`kiln-sandbox-webhook:${name}`).digest("hex");
}

export function webhookSecrets() {
  const config = env();
  return {
    twilioAuthToken: config.TWILIO_AUTH_TOKEN ?? sandboxSecret("twilio"),
    whatsappAppSecret: config.WHATSAPP_APP_SECRET ?? sandboxSecret("whatsapp"),
    whatsappVerifyToken: config.WHATSAPP_VERIFY_TOKEN ?? sandboxSecret("whatsapp-verify"),
    sandbox: { twilio: !config.TWILIO_AUTH_TOKEN, whatsapp: !config.WHATSAPP_APP_SECRET },
  };
}
