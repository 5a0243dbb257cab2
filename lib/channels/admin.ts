/** Settings → Channels: the organization's numbers (admins change them; RLS enforces it). */
import "server-only";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { conflict, HttpError, notFound } from "@/lib/http/errors";
import { allocationNumber, isAllocatedTo } from "./allocations";
import { liveProviders } from "./index";
import { inProviderAccount } from "./ownership";
import { sandboxSecretsOf, sandboxWebhooks, webhookUrl } from "./secrets";
import type { CreateChannelInput, UpdateChannelInput } from "./schema";
import type { ChannelProvider, ChannelCapability } from "./schema";

export type Channel = {
  id: string;
  provider: ChannelProvider;
  address: string;
  phoneNumberId: string | null;
  capabilities: ChannelCapability[];
  label: string;
  active: boolean;
  sandbox: boolean;
  conversationCount: number;
  createdAt: Date;
};

const COLUMNS = `ch.id, ch.provider, ch.address, ch.phone_number_id as "phoneNumberId", ch.capabilities, ch.label, ch.active, ch.created_at as "createdAt",
  (select count(*)::int from public.conversations c where c.channel_id = ch.id) as "conversationCount"`;

const withMode = (row: Omit<Channel, "sandbox">): Channel => ({ ...row, sandbox: !liveProviders()[row.provider] });

export async function listChannels(tx: Tx, orgId: string): Promise<Channel[]> {
  const { rows } = await tx.query<Omit<Channel, "sandbox">>(
    `select ${COLUMNS} from public.channels ch where ch.org_id = $1 order by ch.active desc, ch.created_at`,
    [orgId],
  );
  return rows.map(withMode);
}

export async function getChannel(tx: Tx, orgId: string, id: string): Promise<Channel | null> {
  const { rows } = await tx.query<Omit<Channel, "sandbox">>(
    `select ${COLUMNS} from public.channels ch where ch.id = $1 and ch.org_id = $2`,
    [id, orgId],
  );
  return rows[0] ? withMode(rows[0]) : null;
}

/** A number is a channel of an organization at most once; other organizations' numbers are none of its business. */
function inUse(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (
    e.code === "23505" &&
    (e.constraint === "channels_org_provider_address_key" || e.constraint === "channels_org_cloud_number_key")
  ) {
    const field = e.constraint === "channels_org_cloud_number_key" ? "phoneNumberId" : "address";
    throw conflict("numberAlreadyChannel", { [field]: ["alreadyChannelHere"] });
  }
  throw error;
}

/**
 * The one answer to every refused claim on a live number, whether nobody has it, it is
 * allocated to another organization or the provider account does not hold it: the status,
 * text and field are the same, so the answer tells nothing about other organizations.
 */
function notAvailable(provider: CreateChannelInput["provider"]): HttpError {
  const field = provider === "whatsapp_cloud" ? "phoneNumberId" : "address";
  return new HttpError(422, "Unprocessable content", "numberNotAllocated", {
    errors: { [field]: ["notAvailableToOrganization"] },
    code: "number_not_available",
  });
}

/**
 * With the installation's own provider account (live mode), a number is proved to be this
 * organization's by a platform admin's allocation and the provider account holding it. In
 * sandbox mode nothing is sent or received through the provider, and deliveries are routed
 * by organization, so any number may serve as a sandbox channel.
 */
async function assertClaimable(tx: Tx, orgId: string, input: CreateChannelInput): Promise<void> {
  if (!liveProviders()[input.provider]) return;
  if (!(await isAllocatedTo(tx, orgId, input.provider, allocationNumber(input)))) throw notAvailable(input.provider);
  if (!(await inProviderAccount(input))) throw notAvailable(input.provider);
}

export async function createChannel(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: CreateChannelInput,
): Promise<string> {
  await assertClaimable(tx, orgId, input);
  let id: string;
  try {
    await tx.query("savepoint create_channel");
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.channels (org_id, provider, address, phone_number_id, capabilities, label, created_by)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [orgId, input.provider, input.address, input.phoneNumberId ?? null, input.capabilities, input.label, actorId],
    );
    id = rows[0]!.id;
  } catch (error) {
    await tx.query("rollback to savepoint create_channel");
    inUse(error);
  }
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.created",
    targetType: "channel",
    targetId: id,
    metadata: { provider: input.provider, address: input.address },
  });
  return id;
}

export async function updateChannel(
  tx: Tx,
  actorId: string,
  orgId: string,
  id: string,
  input: UpdateChannelInput,
): Promise<void> {
  const { rowCount } = await tx.query(
    `update public.channels set label = coalesce($3, label), capabilities = coalesce($4, capabilities), active = coalesce($5, active)
      where id = $1 and org_id = $2`,
    [id, orgId, input.label ?? null, input.capabilities ?? null, input.active ?? null],
  );
  if (!rowCount) throw notFound("channelNotFound");
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.updated",
    targetType: "channel",
    targetId: id,
    metadata: { ...input },
  });
}

/** Removing a number with conversations would delete them; it can only be deactivated then. */
export async function deleteChannel(tx: Tx, actorId: string, orgId: string, id: string): Promise<void> {
  const channel = await getChannel(tx, orgId, id);
  if (!channel) throw notFound("channelNotFound");
  if (channel.conversationCount > 0) throw conflict("numberHasConversations");
  const { rowCount } = await tx.query("delete from public.channels where id = $1 and org_id = $2", [id, orgId]);
  if (!rowCount) throw notFound("channelNotFound");
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.deleted",
    targetType: "channel",
    targetId: id,
    metadata: { address: channel.address },
  });
}

/**
 * Everything Settings → Channels shows: the channels, the webhook URLs to give the providers
 * (this organization's own sandbox URLs while a provider runs in sandbox mode), whether each
 * provider sends live, and, for admins, this organization's sandbox secrets (never a real one).
 */
export async function channelsOverview(tx: Tx, orgId: string, isAdmin: boolean) {
  const channels = await listChannels(tx, orgId);
  const sandbox = sandboxWebhooks();
  const live = liveProviders();
  return {
    channels,
    webhooks: {
      twilioMessaging: webhookUrl("/api/webhooks/twilio/messaging", "twilio", orgId),
      twilioStatus: webhookUrl("/api/webhooks/twilio/status", "twilio", orgId),
      whatsapp: webhookUrl("/api/webhooks/whatsapp", "whatsapp", orgId),
    },
    modes: {
      twilio: live.twilio ? "live" : "sandbox",
      whatsapp_cloud: live.whatsapp_cloud ? "live" : "sandbox",
    } as const,
    sandbox: { ...sandbox, ...(isAdmin ? sandboxSecretsOf(orgId) : {}) },
  };
}
