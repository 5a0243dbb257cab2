import { env } from "@/lib/env";
import { sandboxSender } from "./sandbox";
import { twilioSender } from "./twilio";
import type { Sender } from "./types";
import { whatsappCloudSender } from "./whatsapp-cloud";

export type { OutboundMessage, SendResult, Sender } from "./types";

/** Which providers have credentials here; without them a channel sends in sandbox mode. */
export function liveProviders(): { twilio: boolean; whatsapp_cloud: boolean } {
  const config = env();
  return {
    twilio: Boolean(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN),
    whatsapp_cloud: Boolean(config.WHATSAPP_ACCESS_TOKEN),
  };
}

export function senderFor(provider: "twilio" | "whatsapp_cloud"): Sender {
  if (!liveProviders()[provider]) return sandboxSender;
  return provider === "twilio" ? twilioSender : whatsappCloudSender;
}
