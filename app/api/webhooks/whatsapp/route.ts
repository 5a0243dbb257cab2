import { whatsappVerification, whatsappWebhook } from "@/lib/inbox/webhooks";

/** WhatsApp Cloud API: subscription verification (GET) and notifications (POST). */
export const GET = whatsappVerification;
export const POST = whatsappWebhook;
