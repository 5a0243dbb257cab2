import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import type { OutboundMessage, SendResult, Sender } from "./types";

const accepted = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) });
const refused = z.object({ error: z.object({ code: z.number().optional(), message: z.string().optional() }) });

/**
 * The message object: text, or one image or document the Cloud API fetches from its link,
 * with the text as caption (one media object per message; lib/channels/media-limits.ts).
 */
function cloudContent(message: OutboundMessage): Record<string, unknown> {
  // A template: Meta renders its approved text with the body parameters in order.
  if (message.template)
    return {
      type: "template",
      template: {
        name: message.template.name,
        language: { code: message.template.language },
        components: message.template.parameters.length
          ? [{ type: "body", parameters: message.template.parameters.map((text) => ({ type: "text", text })) }]
          : [],
      },
    };
  const media = message.media?.[0];
  if (!media) return { type: "text", text: { preview_url: false, body: message.body } };
  const caption = message.body ? { caption: message.body } : {};
  if (media.contentType.startsWith("image/")) return { type: "image", image: { link: media.url, ...caption } };
  return { type: "document", document: { link: media.url, filename: media.fileName, ...caption } };
}

/** The WhatsApp Cloud API's /{phone-number-id}/messages endpoint, with the system user's access token. */
export const whatsappCloudSender: Sender = {
  name: "whatsapp_cloud",
  async send(message): Promise<SendResult> {
    const config = env();
    const url = `${config.WHATSAPP_GRAPH_URL.replace(/\/$/, "")}/${encodeURIComponent(message.phoneNumberId ?? "")}/messages`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${config.WHATSAPP_ACCESS_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: message.to.replace(/^\+/, ""),
          ...cloudContent(message),
        }),
        redirect: "error",
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      return { ok: false, retryable: true, errorCode: "network", errorMessage: (error as Error).message.slice(0, 500) };
    }
    const body = await response.json().catch(() => null);
    if (response.ok) {
      const parsed = accepted.safeParse(body);
      if (parsed.success)
        return {
          ok: true,
          provider: "whatsapp_cloud",
          providerMessageId: parsed.data.messages[0]!.id,
          status: "sent",
          sandbox: false,
        };
      return {
        ok: false,
        retryable: false,
        errorCode: "bad_response",
        errorMessage: "The Cloud API accepted the message but returned no id.",
      };
    }
    const error = refused.safeParse(body);
    return {
      ok: false,
      retryable: response.status === 429 || response.status >= 500,
      errorCode: error.success && error.data.error.code ? String(error.data.error.code) : `http_${response.status}`,
      errorMessage: ((error.success && error.data.error.message) || `The Cloud API answered ${response.status}.`).slice(
        0,
        500,
      ),
    };
  },
};
