/**
 * Keeping a channel's template library in step with its provider: the Cloud API's
 * templates of the installation's WhatsApp Business Account, Twilio's Content API
 * templates, or the sample set in sandbox mode. Provider calls happen outside any
 * transaction; the result is stored in one short one (as service: the caller checked access).
 */
import "server-only";
import { getChannel } from "@/lib/channels/admin";
import {
  listCloudTemplates,
  listTwilioContent,
  ProviderTemplateError,
  submitCloudTemplate,
} from "@/lib/channels/provider-templates";
import { channelsWithTemplates } from "@/lib/channels/template-channels";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import {
  discardUnsubmittedTemplate,
  ensureSampleTemplates,
  getTemplate,
  recordSubmission,
  storeSyncedTemplates,
} from "./templates";

export type SyncResult = { sandbox: boolean; stored: number; disabled: number };

function businessAccount(): string {
  const waba = env().WHATSAPP_BUSINESS_ACCOUNT_ID;
  if (!waba) throw new ProviderTemplateError("no_business_account", "WHATSAPP_BUSINESS_ACCOUNT_ID is not set.");
  return waba;
}

export async function syncChannelTemplates(orgId: string, channelId: string): Promise<SyncResult | null> {
  const channel = await withService((tx) => getChannel(tx, orgId, channelId));
  if (!channel) return null;
  if (channel.sandbox) {
    await withService((tx) => ensureSampleTemplates(tx, channel.id));
    return { sandbox: true, stored: 0, disabled: 0 };
  }
  const templates =
    channel.provider === "whatsapp_cloud" ? await listCloudTemplates(businessAccount()) : await listTwilioContent();
  const result = await withService((tx) =>
    storeSyncedTemplates(tx, { id: channel.id, orgId, provider: channel.provider }, templates),
  );
  return { sandbox: false, ...result };
}

/** The scheduled sync: every channel that sends WhatsApp; one failing provider does not stop the rest. */
export async function syncAllTemplates(): Promise<{ channels: number; failed: number }> {
  const channels = await withService((tx) => channelsWithTemplates(tx));
  let failed = 0;
  for (const channel of channels) {
    try {
      await syncChannelTemplates(channel.orgId, channel.id);
    } catch (error) {
      failed++;
      logger.warn({ err: error, channelId: channel.id }, "template sync failed");
    }
  }
  return { channels: channels.length, failed };
}

/**
 * Sends a template created in Kiln for review: to the Cloud API for a live WhatsApp Cloud
 * channel; a sandbox channel's template is approved on the spot (nothing leaves the machine).
 */
export async function submitTemplate(orgId: string, templateId: string): Promise<void> {
  const template = await withService((tx) => getTemplate(tx, orgId, templateId));
  if (!template) return;
  if (template.provider === "sandbox") {
    await withService((tx) => recordSubmission(tx, template.id, { providerTemplateId: null, status: "approved" }));
    return;
  }
  let answer: Awaited<ReturnType<typeof submitCloudTemplate>>;
  try {
    answer = await submitCloudTemplate(businessAccount(), {
      name: template.name,
      language: template.language,
      category: template.category,
      body: template.body,
      examples: template.variables.map((v) => v.example),
      buttons: template.buttons,
    });
  } catch (error) {
    await withService((tx) => discardUnsubmittedTemplate(tx, template.id));
    throw error;
  }
  await withService((tx) => recordSubmission(tx, template.id, answer));
}
