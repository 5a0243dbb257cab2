import { createHmac, randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import twilio from "twilio";
import { expect } from "./fixtures";

/**
 * An inbound SMS to Acme's demo number, as Twilio would POST it. The e2e server has no Twilio
 * credentials, so it goes to Acme's sandbox webhook URL, signed with Acme's sandbox secret:
 * derived from the server's AUTH_SECRET and the organization's id (lib/channels/secrets.ts).
 */
const AUTH_SECRET = "kiln-e2e-auth-secret-not-for-production-0123456789";
/** Acme's demo Twilio number (lib/demo/seed.ts), carrying SMS and WhatsApp. */
export const ACME_TWILIO_NUMBER = "+14155550100";

/** `page` is signed in at Acme; `request` is an outsider, as Twilio is. `whatsapp`: over WhatsApp on the same number. */
export async function deliverInboundSms(
  page: Page,
  request: APIRequestContext,
  from: string,
  body: string,
  { whatsapp = false }: { whatsapp?: boolean } = {},
) {
  const me = (await (await page.request.get("/api/me")).json()) as { organization: { orgId: string } };
  const orgId = me.organization.orgId;
  const path = `/api/webhooks/twilio/messaging?org=${orgId}`;
  const secret = createHmac("sha256", AUTH_SECRET).update(`kiln-sandbox-webhook:twilio:${orgId}`).digest("hex");
  const params = {
    MessageSid: `SM${randomBytes(16).toString("hex")}`,
    AccountSid: `AC${"0".repeat(32)}`,
    From: whatsapp ? `whatsapp:${from}` : from,
    To: whatsapp ? `whatsapp:${ACME_TWILIO_NUMBER}` : ACME_TWILIO_NUMBER,
    Body: body,
    NumMedia: "0",
  };
  const signature = twilio.getExpectedTwilioSignature(secret, `http://localhost:3100${path}`, params);
  const response = await request.post(path, { form: params, headers: { "x-twilio-signature": signature } });
  expect(response.status(), await response.text()).toBe(200);
}
