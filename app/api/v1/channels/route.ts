import { hasRole } from "@/lib/auth/roles";
import { createChannel, getChannel, listChannels } from "@/lib/channels/admin";
import { createChannelSchema } from "@/lib/channels/schema";
import { webhookSecrets } from "@/lib/channels/secrets";
import { withRls } from "@/lib/db";
import { env } from "@/lib/env";
import { requireOrg, route } from "@/lib/http/route";

/**
 * The organization's channels, the webhook URLs to give the providers and, for admins
 * while a provider runs in sandbox mode, the derived secrets to sign test deliveries with
 * (never a real provider secret).
 */
export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  const channels = await withRls(session.claims, (tx) => listChannels(tx, org.orgId));
  const base = env().APP_URL;
  const secrets = webhookSecrets();
  const admin = hasRole(org.role, "admin");
  return {
    channels,
    webhooks: {
      twilioMessaging: new URL("/api/webhooks/twilio/messaging", base).toString(),
      twilioStatus: new URL("/api/webhooks/twilio/status", base).toString(),
      whatsapp: new URL("/api/webhooks/whatsapp", base).toString(),
    },
    sandbox: {
      twilio: secrets.sandbox.twilio,
      whatsapp: secrets.sandbox.whatsapp,
      ...(admin && secrets.sandbox.twilio ? { twilioSigningSecret: secrets.twilioAuthToken } : {}),
      ...(admin && secrets.sandbox.whatsapp ? { whatsappAppSecret: secrets.whatsappAppSecret, whatsappVerifyToken: secrets.whatsappVerifyToken } : {}),
    },
  };
});

export const POST = route({ role: "admin", body: createChannelSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const channel = await withRls(session.claims, async (tx) => {
    const id = await createChannel(tx, session.user.id, org.orgId, body);
    return getChannel(tx, org.orgId, id);
  });
  return Response.json({ channel }, { status: 201 });
});
