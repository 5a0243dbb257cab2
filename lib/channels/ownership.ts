/**
 * Whether the installation's own provider account holds a number, asked of the provider
 * itself: Twilio through the official SDK (IncomingPhoneNumbers), the Cloud API by reading
 * the phone number id with the configured token. Only asked in live mode, for a number a
 * platform admin allocated to the asking organization.
 */
import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { HttpError } from "@/lib/http/errors";
import { normalizePhone } from "@/lib/leads/phone";
import type { ChannelProvider } from "./allocations";
import { twilioClient } from "./twilio";

const unreachable = (provider: string, cause: unknown) =>
  Object.assign(new HttpError(502, "Bad gateway", { key: "ownershipUnreachable", values: { provider } }), { cause });

async function inTwilioAccount(address: string): Promise<boolean> {
  try {
    const numbers = await twilioClient().incomingPhoneNumbers.list({ phoneNumber: address, limit: 20 });
    return numbers.some((n) => n.phoneNumber === address);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return false;
    throw unreachable("Twilio", error);
  }
}

const cloudNumber = z.object({ id: z.string(), display_phone_number: z.string().optional() });

async function inCloudAccount(phoneNumberId: string, address: string): Promise<boolean> {
  const config = env();
  let response: Response;
  try {
    response = await fetch(
      `${config.WHATSAPP_GRAPH_URL.replace(/\/$/, "")}/${encodeURIComponent(phoneNumberId)}?fields=display_phone_number`,
      {
        headers: { authorization: `Bearer ${config.WHATSAPP_ACCESS_TOKEN}` },
        redirect: "error",
        signal: AbortSignal.timeout(10_000),
      },
    );
  } catch (error) {
    throw unreachable("The WhatsApp Cloud API", error);
  }
  if (response.status === 429 || response.status >= 500)
    throw unreachable("The WhatsApp Cloud API", new Error(`HTTP ${response.status}`));
  // Graph answers 400 (or 403/404) for an id the token cannot read: not ours.
  if (!response.ok) return false;
  const parsed = cloudNumber.safeParse(await response.json().catch(() => null));
  if (!parsed.success || parsed.data.id !== phoneNumberId) return false;
  const display = parsed.data.display_phone_number;
  return display === undefined || normalizePhone(display.startsWith("+") ? display : `+${display}`) === address;
}

export function inProviderAccount(channel: {
  provider: ChannelProvider;
  address: string;
  phoneNumberId?: string | null;
}): Promise<boolean> {
  return channel.provider === "twilio"
    ? inTwilioAccount(channel.address)
    : inCloudAccount(channel.phoneNumberId ?? "", channel.address);
}
