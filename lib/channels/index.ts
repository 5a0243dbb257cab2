import "server-only";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";
import { allocationNumber, isAllocatedTo } from "./allocations";
import { sandboxSender } from "./sandbox";
import { twilioSender } from "./twilio";
import type { Sender } from "./types";
import { whatsappCloudSender } from "./whatsapp-cloud";
import type { ChannelProvider } from "./schema";

export type { OutboundEmail, OutboundMessage, SendResult, Sender } from "./types";
/** A mailbox's replies: their own sender, since an email carries a subject and threading headers instead of a number. */
export { emailLive, emailSender } from "./email";

/** Which providers have credentials here; without them a channel sends in sandbox mode. */
export function liveProviders(): { twilio: boolean; whatsapp_cloud: boolean } {
  const config = env();
  return {
    twilio: Boolean(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN),
    whatsapp_cloud: Boolean(config.WHATSAPP_ACCESS_TOKEN),
  };
}

/**
 * A live send leaves from the installation's own provider account, so it goes only from a
 * number a platform admin allocated to the sending organization: a channel row alone (which
 * an organization's admin can write) proves nothing.
 */
function allocatedNumbersOnly(sender: Sender): Sender {
  return {
    name: sender.name,
    async send(message) {
      const number = allocationNumber({
        provider: message.provider,
        address: message.from,
        phoneNumberId: message.phoneNumberId,
      });
      const allocated = await withService((tx) => isAllocatedTo(tx, message.orgId, message.provider, number));
      if (!allocated) {
        return {
          ok: false,
          retryable: false,
          errorCode: "number_not_allocated",
          errorMessage: "This number is not allocated to the organization; a platform admin allocates numbers.",
        };
      }
      return sender.send(message);
    },
  };
}

const liveSenders = {
  twilio: allocatedNumbersOnly(twilioSender),
  whatsapp_cloud: allocatedNumbersOnly(whatsappCloudSender),
};

export function senderFor(provider: ChannelProvider): Sender {
  return liveProviders()[provider] ? liveSenders[provider] : sandboxSender;
}
