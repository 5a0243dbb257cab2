import "server-only";
import type { Tx } from "@/lib/db";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import type { WebhookPayload } from "@/lib/webhooks/events";

/** The inbox's outbound webhook events: a lead's message arrived; one of ours changed status. */
export function announceMessageReceived(
  tx: Tx,
  input: {
    orgId: string;
    conversationId: string;
    leadId: string | null;
    messageId: string;
    channel: string;
    body: string;
    at: Date | string;
  },
): Promise<void> {
  return emitWebhookEvent(tx, input.orgId, {
    type: "conversation.message_received",
    data: {
      conversationId: input.conversationId,
      leadId: input.leadId,
      message: {
        id: input.messageId,
        channel: input.channel,
        body: input.body,
        receivedAt: new Date(input.at).toISOString(),
      },
    },
  });
}

type Status = WebhookPayload<"message.status_changed">["status"];
const STATUSES = new Set<string>(["queued", "sent", "delivered", "read", "failed"]);

export function announceStatusChanged(
  tx: Tx,
  input: {
    orgId: string;
    conversationId: string;
    messageId: string;
    status: string;
    errorCode: string | null;
    at: Date | string;
  },
): Promise<void> {
  if (!STATUSES.has(input.status)) return Promise.resolve();
  return emitWebhookEvent(tx, input.orgId, {
    type: "message.status_changed",
    data: {
      messageId: input.messageId,
      conversationId: input.conversationId,
      status: input.status as Status,
      errorCode: input.errorCode,
      at: new Date(input.at).toISOString(),
    },
  });
}
