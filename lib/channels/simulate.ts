import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { HttpError, notFound } from "@/lib/http/errors";
import type { InboundEventDraft } from "@/lib/inbox/inbound";
import { liveProviders } from "./index";
import type { ChannelProvider } from "./schema";

/**
 * "Simulate an inbound message" for a sandbox channel: builds the same event a provider
 * would deliver (Twilio's form fields or a Cloud API message), which then goes through the
 * same store-once-and-process pipeline as a signed webhook. Refused for live channels,
 * where real messages arrive.
 */
export async function simulatedInboundEvent(
  tx: Tx,
  orgId: string,
  channelId: string,
  input: { from: string; body: string; profileName?: string; medium: "sms" | "whatsapp" },
): Promise<InboundEventDraft> {
  const { rows } = await tx.query<{
    provider: ChannelProvider;
    address: string;
    phone_number_id: string | null;
    capabilities: string[];
    active: boolean;
  }>(
    "select provider, address, phone_number_id, capabilities, active from public.channels where id = $1 and org_id = $2",
    [channelId, orgId],
  );
  const channel = rows[0];
  if (!channel) throw notFound("channelNotFound");
  if (liveProviders()[channel.provider]) throw new HttpError(409, "Conflict", "channelIsLive");
  if (!channel.active) throw new HttpError(409, "Conflict", "activateChannelFirst");
  const medium = channel.provider === "whatsapp_cloud" ? "whatsapp" : input.medium;
  if (!channel.capabilities.includes(medium)) {
    throw new HttpError(422, "Unprocessable content", "channelLacksMedium", {
      errors: { medium: ["notOnThisChannel"] },
    });
  }
  if (channel.provider === "twilio") {
    const prefix = medium === "whatsapp" ? "whatsapp:" : "";
    const sid = `SM${randomBytes(16).toString("hex")}`;
    return {
      provider: "twilio",
      eventId: sid,
      kind: "message",
      payload: {
        MessageSid: sid,
        From: `${prefix}${input.from}`,
        To: `${prefix}${channel.address}`,
        Body: input.body,
        NumMedia: "0",
        ...(input.profileName ? { ProfileName: input.profileName } : {}),
      },
    };
  }
  const id = `wamid.sandbox-${randomUUID()}`;
  return {
    provider: "whatsapp_cloud",
    eventId: id,
    kind: "message",
    payload: {
      metadata: { phone_number_id: channel.phone_number_id, display_phone_number: channel.address.slice(1) },
      contact: { wa_id: input.from.slice(1), profile: { name: input.profileName ?? "" } },
      message: {
        id,
        from: input.from.slice(1),
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: "text",
        text: { body: input.body },
      },
    },
  };
}
