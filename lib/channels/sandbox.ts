import "server-only";
import { randomUUID } from "node:crypto";
import type { Sender } from "./types";

/**
 * The sender used when a provider has no credentials: nothing leaves the machine, the
 * message is marked sent-in-sandbox and the inbox labels it so.
 */
export const sandboxSender: Sender = {
  name: "sandbox",
  async send() {
    return {
      ok: true,
      provider: "sandbox",
      providerMessageId: `sandbox-${randomUUID()}`,
      status: "sent",
      sandbox: true,
    };
  },
};
