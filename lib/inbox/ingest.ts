/**
 * Messaging deliveries (Twilio, WhatsApp Cloud API) after their signature was verified:
 * recorded once through the inbound-event pipeline (lib/inbound), then turned into leads,
 * conversations, messages and status changes by the handlers below, which the job catalogue
 * registers with the pipeline. The pipeline owns claiming, retries, parking and the sweeper.
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";
import { forbidden } from "@/lib/http/errors";
import { recordInboundEventsIn } from "@/lib/inbound/events";
import { defineInboundHandler, RetryLater, type InboundOutcome, type StoredInboundEvent } from "@/lib/inbound/handlers";
import { normalizePhone } from "@/lib/leads/phone";
import { matchLeadByPhone } from "@/lib/leads/match";
import { applySignals } from "@/lib/leads/signals";
import { notify } from "@/lib/notifications/notify";
import { announceMessageReceived, announceStatusChanged } from "./announce";
import { parseOrganizationSettings } from "@/lib/orgs/settings";
import { draftAfterInbound } from "@/lib/approvals/inbound";
import { translatorFor } from "@/lib/i18n/translator";
import { consentFromInbound, optOutFromProvider } from "@/lib/outreach/consent";
import { applyTemplateStatus } from "@/lib/outreach/templates";
import { queueOutboundMessage } from "./mutations";
import { sendSoon } from "./queue";
import { proposeTaskFromMessage } from "@/lib/tasks/suggestions";
import { recordInboundMedia } from "./attachments";
import { downloadMediaSoon } from "./queue";
import {
  readTemplateStatus,
  readTwilioMessage,
  readTwilioStatus,
  readWhatsappMessage,
  readWhatsappStatus,
  type InboundEventDraft,
  type InboundMessage,
  type StatusUpdate,
} from "./inbound";

/**
 * Stores events once; returns the ids of those that are new (a retried delivery returns none).
 * `sandboxOrg`: the delivery came through that organization's sandbox webhook URL (or its
 * simulate action); it is kept to that organization and refused unless every message in it
 * was sent to one of that organization's active channels.
 */
export async function recordMessagingEvents(
  drafts: InboundEventDraft[],
  meta: { headers: Record<string, string>; sandboxOrg?: string | null },
): Promise<string[]> {
  if (!drafts.length) return [];
  const sandboxOrg = meta.sandboxOrg ?? null;
  return withService(async (tx) => {
    if (sandboxOrg) await assertSandboxReceivers(tx, sandboxOrg, drafts);
    return recordInboundEventsIn(tx, drafts, {
      headers: meta.headers,
      orgId: sandboxOrg,
      sandbox: sandboxOrg !== null,
    });
  });
}

/** Scope of a stored event: a sandbox delivery reaches only its organization's channels. */
type Scope = { sandbox: boolean; orgId: string | null };

async function assertSandboxReceivers(tx: Tx, orgId: string, drafts: InboundEventDraft[]): Promise<void> {
  const { rows } = await tx.query("select 1 from public.organizations where id = $1", [orgId]);
  let known = rows.length > 0;
  const receivedAt = new Date().toISOString();
  for (const draft of drafts) {
    if (!known) break;
    if (draft.kind !== "message") continue;
    const message =
      draft.provider === "twilio" ? readTwilioMessage(draft.payload, receivedAt) : readWhatsappMessage(draft.payload);
    known = Boolean(await channelFor(tx, message, { sandbox: true, orgId }));
  }
  // Answered from this organization's own channels only, so it tells nothing about anyone else's.
  if (!known)
    throw forbidden(
      "A sandbox delivery can only reach the active channels of the organization whose webhook URL it was sent to.",
    );
}

/** Turns a stored Twilio or WhatsApp Cloud API delivery into messages and status changes. */
function processMessagingEvent(tx: Tx, event: StoredInboundEvent): Promise<InboundOutcome> {
  const receivedAt = event.receivedAt.toISOString();
  const scope: Scope = { sandbox: event.sandbox, orgId: event.orgId };
  if (event.kind === "template_status") return templateStatus(tx, event, scope);
  if (event.kind === "message") {
    const message =
      event.provider === "twilio" ? readTwilioMessage(event.payload, receivedAt) : readWhatsappMessage(event.payload);
    return ingestMessage(tx, message, scope);
  }
  const status =
    event.provider === "twilio" ? readTwilioStatus(event.payload, receivedAt) : readWhatsappStatus(event.payload);
  return status ? applyStatus(tx, status, scope) : Promise.resolve({ state: "processed", orgId: event.orgId });
}

/** Registered with the inbound-event pipeline by the job catalogue. */
export const twilioInbound = defineInboundHandler({ provider: "twilio", process: processMessagingEvent });
export const whatsappInbound = defineInboundHandler({ provider: "whatsapp_cloud", process: processMessagingEvent });

type Channel = { id: string; org_id: string; settings: unknown };

/**
 * The channel a message was sent to. A sandbox delivery looks only among its organization's
 * channels (an organization whose sandbox event outlived it finds none). A live delivery
 * reaches the organization a platform admin allocated the number to: numbers are unique
 * within an organization only, so the allocation is what makes routing unambiguous.
 */
async function channelFor(tx: Tx, message: InboundMessage, scope: Scope): Promise<Channel | undefined> {
  const byCloudId = "phoneNumberId" in message.receiver;
  const key = byCloudId ? "ch.phone_number_id" : "ch.address";
  const { rows } = await tx.query<Channel>(
    `select ch.id, ch.org_id, o.settings
       from public.channels ch join public.organizations o on o.id = ch.org_id
      where ch.active and ch.provider = $1 and ${key} = $2
        and case when $3 then ch.org_id = $4::uuid
                 else exists (select 1 from public.number_allocations a where a.provider = ch.provider and a.number = ${key} and a.org_id = ch.org_id) end`,
    [
      message.provider,
      "phoneNumberId" in message.receiver
        ? message.receiver.phoneNumberId
        : (normalizePhone(message.receiver.address) ?? message.receiver.address),
      scope.sandbox,
      scope.orgId,
    ],
  );
  return rows[0];
}

const preview = (message: InboundMessage) =>
  (message.body || (message.media.length ? `📎 ${message.media[0]!.contentType ?? "attachment"}` : ""))
    .replace(/\s+/g, " ")
    .slice(0, 160);

async function ingestMessage(tx: Tx, message: InboundMessage, scope: Scope): Promise<InboundOutcome> {
  const channel = await channelFor(tx, message, scope);
  // Nobody here owns the number it was sent to: kept as unroutable (never dropped), answered 200.
  if (!channel) return { state: "unroutable", orgId: null };

  const from = normalizePhone(message.from, parseOrganizationSettings(channel.settings).defaultCountry);
  if (!from) throw new Error("The sender's number is not a valid phone number.");
  const source = message.medium === "whatsapp" ? "whatsapp" : "sms";
  const label = message.medium === "whatsapp" ? "WhatsApp" : "SMS";
  const actor = { type: "webhook" as const, name: label };
  const lead = await matchLeadByPhone(tx, channel.org_id, from, {
    name: message.profileName ?? from,
    source,
    actor,
  });

  // One thread per lead, number and medium; a new message reopens it and counts as unread.
  const { rows: before } = await tx.query<{ last_message_at: Date; last_message_direction: string | null }>(
    `select last_message_at, last_message_direction from public.conversations where lead_id = $1 and channel_id = $2 and medium = $3`,
    [lead.id, channel.id, message.medium],
  );
  const { rows: conversations } = await tx.query<{ id: string }>(
    `insert into public.conversations as c (org_id, lead_id, channel_id, medium, assignee_id, last_message_at, last_message_preview,
                                            last_message_direction, last_inbound_at, unread_count)
     values ($1, $2, $3, $4, $5, $6, $7, 'inbound', $6, 1)
     on conflict (lead_id, channel_id, medium) where medium <> 'email' do update set
       status = case when c.status = 'closed' then 'open' else c.status end,
       last_message_at = greatest(c.last_message_at, excluded.last_message_at),
       last_message_preview = case when excluded.last_message_at >= c.last_message_at then excluded.last_message_preview else c.last_message_preview end,
       last_message_direction = case when excluded.last_message_at >= c.last_message_at then 'inbound' else c.last_message_direction end,
       last_inbound_at = greatest(c.last_inbound_at, excluded.last_inbound_at),
       unread_count = c.unread_count + 1
     returning id`,
    [channel.org_id, lead.id, channel.id, message.medium, lead.ownerId, message.at, preview(message)],
  );
  const conversationId = conversations[0]!.id;

  const inserted = await tx.query<{ id: string }>(
    `insert into public.messages (org_id, conversation_id, direction, body, media, status, provider, provider_message_id, author_type, created_at, status_at)
     values ($1, $2, 'inbound', $3, $4, 'received', $5, $6, 'lead', $7, $7)
     on conflict (provider, provider_message_id) where provider_message_id is not null do nothing
     returning id`,
    [
      channel.org_id,
      conversationId,
      message.body,
      JSON.stringify(message.media),
      message.provider,
      message.providerMessageId,
      message.at,
    ],
  );
  if (!inserted.rowCount) {
    // The same provider message under another event id: already in the thread, undo the counters.
    throw new Error(`Message ${message.providerMessageId} is already stored.`);
  }

  // Live media are copied into storage by a job (a sandbox delivery has no provider to fetch from).
  if (!scope.sandbox) {
    const messageId = inserted.rows[0]!.id;
    const media = await recordInboundMedia(tx, {
      orgId: channel.org_id,
      conversationId,
      messageId,
      media: message.media,
    });
    downloadMediaSoon(messageId, channel.org_id, media);
  }

  // STOP and the like: the lead is opted out and told so once; neither heat nor the AI react to it.
  if (await optedOutBy(tx, message, { orgId: channel.org_id, leadId: lead.id, conversationId }))
    return { state: "processed", orgId: channel.org_id };

  const previous = before[0];
  const responseSeconds =
    previous?.last_message_direction === "outbound"
      ? Math.max(0, (new Date(message.at).getTime() - new Date(previous.last_message_at).getTime()) / 1000)
      : undefined;
  await applySignals(tx, {
    orgId: channel.org_id,
    leadId: lead.id,
    signals: [{ type: "inbound_reply", at: message.at, ...(responseSeconds !== undefined ? { responseSeconds } : {}) }],
    actor,
  });
  await notify(tx, {
    kind: "inbound_message",
    orgId: channel.org_id,
    conversationId,
    leadId: lead.id,
    messageId: inserted.rows[0]!.id,
    preview: preview(message),
  });
  await announceMessageReceived(tx, {
    orgId: channel.org_id,
    conversationId,
    leadId: lead.id,
    messageId: inserted.rows[0]!.id,
    channel: message.medium,
    body: message.body ?? "",
    at: message.at,
  });
  await draftAfterInbound(tx, { orgId: channel.org_id, conversationId, messageId: inserted.rows[0]!.id });
  await proposeTaskFromMessage(tx, {
    orgId: channel.org_id,
    leadId: lead.id,
    conversationId,
    messageId: inserted.rows[0]!.id,
    body: message.body,
    at: new Date(message.at),
  });
  return { state: "processed", orgId: channel.org_id };
}

/** The Cloud API's error for a recipient who chose to stop a business's marketing messages: the provider's opt-out. */
const WHATSAPP_STOPPED_MARKETING = "131050";

async function applyStatus(tx: Tx, update: StatusUpdate, scope: Scope): Promise<InboundOutcome> {
  const { rows } = await tx.query<{ id: string; org_id: string; conversation_id: string }>(
    `update public.messages set
        status = $3,
        status_at = $4,
        error_code = case when $3 = 'failed' then coalesce($5, error_code) else error_code end,
        error_message = case when $3 = 'failed' then coalesce($6, error_message) else error_message end
      where provider = $1 and provider_message_id = $2 and direction = 'outbound' and (not $7 or org_id = $8::uuid)
      returning id, org_id, conversation_id`,
    [
      update.provider,
      update.providerMessageId,
      update.status,
      update.at,
      update.errorCode,
      update.errorMessage,
      scope.sandbox,
      scope.orgId,
    ],
  );
  // The callback can overtake the commit of our own send; try again shortly.
  if (!rows[0]) throw new RetryLater(`No outbound message ${update.providerMessageId} (yet).`);
  await announceStatusChanged(tx, {
    orgId: rows[0].org_id,
    conversationId: rows[0].conversation_id,
    messageId: rows[0].id,
    status: update.status,
    errorCode: update.status === "failed" ? (update.errorCode ?? null) : null,
    at: update.at,
  });
  if (update.status === "failed" && update.errorCode === WHATSAPP_STOPPED_MARKETING) {
    const { rows: thread } = await tx.query<{ lead_id: string; medium: "sms" | "whatsapp" }>(
      "select lead_id, medium from public.conversations where id = $1",
      [rows[0].conversation_id],
    );
    if (thread[0]) await optOutFromProvider(tx, rows[0].org_id, thread[0].lead_id, thread[0].medium);
  }
  return { state: "processed", orgId: rows[0].org_id };
}

/**
 * What a lead's message says about consent (lib/outreach/consent.ts). An opt-out keyword is
 * confirmed with one message in the keyword's language; the provider's own opt-out (Twilio's
 * STOP handling) was confirmed by the provider. Answers whether the lead opted out.
 */
async function optedOutBy(
  tx: Tx,
  message: InboundMessage,
  ids: { orgId: string; leadId: string; conversationId: string },
): Promise<boolean> {
  const consent = await consentFromInbound(tx, {
    orgId: ids.orgId,
    leadId: ids.leadId,
    kind: message.medium,
    body: message.body,
    provider: message.optOut ?? null,
    at: message.at,
  });
  if (!consent.optedOut || !consent.confirmIn) return consent.optedOut;
  // Written in the language of the keyword the lead used.
  const t = translatorFor(consent.confirmIn, "outreach");
  const { id } = await queueOutboundMessage(tx, {
    orgId: ids.orgId,
    conversationId: ids.conversationId,
    body: t("optOutConfirmation"),
    author: {
      kind: "opt_out_confirmation",
      actor: { type: "webhook", name: message.medium === "whatsapp" ? "WhatsApp" : "SMS" },
    },
  }).catch((error: unknown) => {
    // Already confirmed once: nothing more goes to this lead.
    if ((error as { extra?: { code?: string } }).extra?.code === "lead_opted_out") return { id: null };
    throw error;
  });
  if (id) sendSoon({ id, orgId: ids.orgId });
  return true;
}

/** The Cloud API's message_template_status_update: the template's copies take the new status. */
async function templateStatus(tx: Tx, event: StoredInboundEvent, scope: Scope): Promise<InboundOutcome> {
  const update = readTemplateStatus(event.payload);
  const orgId = update ? await applyTemplateStatus(tx, update, scope) : null;
  return { state: "processed", orgId: orgId ?? event.orgId };
}
