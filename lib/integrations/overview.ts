import "server-only";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import {
  calendlyClient,
  calendlyRedirectUri,
  calendlySandboxEnabled,
  calendlySandboxKey,
  calendlyWebhookUrl,
} from "./calendly/config";
import { getConnectionSummary, type ConnectionSummary } from "./connections";

/** What Settings → Integrations shows an admin. Secrets only for the sandbox (the org's own sandbox key). */
export type IntegrationsOverview = {
  calendly: {
    /** CALENDLY_CLIENT_ID and CALENDLY_CLIENT_SECRET are set: the Connect button works. */
    configured: boolean;
    connection: ConnectionSummary | null;
    redirectUri: string;
    /** CALENDLY_WEBHOOK_SIGNING_KEY is set: a hand-made subscription posting to webhookUrl is accepted. */
    handMadeSubscription: { enabled: boolean; webhookUrl: string; defaultOrg: boolean };
    /** Simulated bookings, with this organization's sandbox endpoint and key (null when sandbox tools are off). */
    sandbox: { webhookUrl: string; signingKey: string } | null;
  };
};

export async function integrationsOverview(tx: Tx, orgId: string): Promise<IntegrationsOverview> {
  const connection = await getConnectionSummary(tx, orgId);
  const config = env();
  return {
    calendly: {
      configured: calendlyClient() !== null,
      connection,
      redirectUri: calendlyRedirectUri(),
      handMadeSubscription: {
        enabled: Boolean(config.CALENDLY_WEBHOOK_SIGNING_KEY),
        webhookUrl: calendlyWebhookUrl(),
        defaultOrg: config.CALENDLY_DEFAULT_ORG_ID === orgId,
      },
      sandbox: calendlySandboxEnabled()
        ? { webhookUrl: calendlyWebhookUrl({ org: orgId }), signingKey: calendlySandboxKey(orgId) }
        : null,
    },
  };
}
