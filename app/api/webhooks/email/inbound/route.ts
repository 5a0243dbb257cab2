import { inboundEmailWebhook } from "@/lib/email/webhook";

/** Inbound email: raw RFC 822 signed with the organization's secret (lib/email/README.md). */
export const POST = inboundEmailWebhook;
