import { twilioMessageEvent } from "@/lib/inbox/inbound";
import { twilioWebhook } from "@/lib/inbox/webhooks";

/** Inbound SMS and WhatsApp messages through Twilio. */
export const POST = twilioWebhook(twilioMessageEvent);
