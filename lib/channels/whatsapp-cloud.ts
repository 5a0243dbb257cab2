import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import type { SendResult, Sender } from "./types";

const accepted = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) });
const refused = z.object({ error: z.object({ code: z.number().optional(), message: z.string().optional() }) });

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
          type: "text",
          text: { preview_url: false, body: message.body },
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
