import { twilioStatusEvent } from "@/lib/inbox/inbound";
import { twilioWebhook } from "@/lib/inbox/webhooks";

/** Delivery status callbacks for messages we sent through Twilio. */
export const POST = twilioWebhook(twilioStatusEvent);
