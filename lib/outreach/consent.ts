/**
 * Consent per lead and channel kind (public.lead_channel_consent; this module is its one
 * writer). An opt-out refuses every outbound message on that kind but one confirmation;
 * an inbound message counts as an opt-in unless the lead said otherwise before.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";
import { optOutKeyword } from "./keywords";
import type { ChannelKind, Consent, ConsentSource } from "./types";

const COLUMNS = `channel_kind as "channelKind", status, source, at, recorded_by as "recordedBy",
  case when status = 'opted_out' and confirmation_sent_at >= at then confirmation_sent_at end as "confirmationSentAt"`;

export async function consentOf(tx: Tx, orgId: string, leadId: string): Promise<Consent[]> {
  const { rows } = await tx.query<Consent>(
    `select ${COLUMNS} from public.lead_channel_consent where org_id = $1 and lead_id = $2 order by channel_kind`,
    [orgId, leadId],
  );
  return rows;
}

/** Consent of many leads on one kind, for a bulk send's checks. */
export async function consentByLead(
  tx: Tx,
  leadIds: string[],
  kind: ChannelKind,
): Promise<Map<string, Consent["status"]>> {
  const { rows } = await tx.query<{ lead_id: string; status: Consent["status"] }>(
    "select lead_id, status from public.lead_channel_consent where lead_id = any($1::uuid[]) and channel_kind = $2",
    [leadIds, kind],
  );
  return new Map(rows.map((r) => [r.lead_id, r.status]));
}

/** The status on one kind; null: nothing recorded. */
export async function consentStatus(tx: Tx, leadId: string, kind: string): Promise<Consent["status"] | null> {
  const { rows } = await tx.query<{ status: Consent["status"] }>(
    "select status from public.lead_channel_consent where lead_id = $1 and channel_kind = $2",
    [leadId, kind],
  );
  return rows[0]?.status ?? null;
}

/** Records what the lead said (a member by hand under RLS, or a webhook as service). */
export async function recordConsent(
  tx: Tx,
  input: {
    orgId: string;
    leadId: string;
    kind: ChannelKind;
    status: Consent["status"];
    source: ConsentSource;
    recordedBy?: string | null;
    at?: Date;
    /** The provider already confirmed the opt-out itself (Twilio's STOP handling). */
    confirmedByProvider?: boolean;
  },
): Promise<void> {
  await tx.query(
    `insert into public.lead_channel_consent as c (org_id, lead_id, channel_kind, status, source, at, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (lead_id, channel_kind) do update set
       status = excluded.status, source = excluded.source, recorded_by = excluded.recorded_by,
       -- Saying the same again changes nothing: an opt-out is confirmed once, not once per STOP.
       at = case when c.status = excluded.status then c.at else excluded.at end`,
    [
      input.orgId,
      input.leadId,
      input.kind,
      input.status,
      input.source,
      input.at ?? new Date(),
      input.recordedBy ?? null,
    ],
  );
  if (input.confirmedByProvider)
    await tx.query(
      "update public.lead_channel_consent set confirmation_sent_at = at where lead_id = $1 and channel_kind = $2 and status = 'opted_out'",
      [input.leadId, input.kind],
    );
}

export const optedOut = (kind: string) =>
  new HttpError(
    409,
    "Conflict",
    { key: "leadOptedOut", values: { medium: kind === "sms" ? "SMS" : "WhatsApp" } },
    {
      code: "lead_opted_out",
    },
  );

/** Refuses an outbound message to a lead who opted out of this channel kind. */
export async function assertNotOptedOut(tx: Tx, leadId: string, kind: string): Promise<void> {
  if ((await consentStatus(tx, leadId, kind)) === "opted_out") throw optedOut(kind);
}

/** The one confirmation after an opt-out: true once, for the message that confirms it. */
export async function claimOptOutConfirmation(tx: Tx, leadId: string, kind: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update public.lead_channel_consent set confirmation_sent_at = now()
      where lead_id = $1 and channel_kind = $2 and status = 'opted_out'
        and (confirmation_sent_at is null or confirmation_sent_at < at)`,
    [leadId, kind],
  );
  return Boolean(rowCount);
}

/**
 * What an inbound message says about consent (the webhook's handler, as service): an
 * opt-out keyword or the provider's opt-out event opts out; the provider's opt-in (START)
 * opts in; any other message opts in unless something was recorded before. Answers the
 * language to confirm an opt-out in when Kiln must send the confirmation itself.
 */
export async function consentFromInbound(
  tx: Tx,
  input: {
    orgId: string;
    leadId: string;
    kind: ChannelKind;
    body: string;
    provider: "stop" | "start" | null;
    at: string;
  },
): Promise<{ confirmIn: "en" | "de" | "he" | null; optedOut: boolean }> {
  const base = { orgId: input.orgId, leadId: input.leadId, kind: input.kind, at: new Date(input.at) };
  if (input.provider === "stop") {
    await recordConsent(tx, { ...base, status: "opted_out", source: "provider", confirmedByProvider: true });
    return { confirmIn: null, optedOut: true };
  }
  const keyword = optOutKeyword(input.body);
  if (keyword) {
    await recordConsent(tx, { ...base, status: "opted_out", source: "keyword" });
    return { confirmIn: keyword, optedOut: true };
  }
  if (input.provider === "start") {
    await recordConsent(tx, { ...base, status: "opted_in", source: "provider" });
    return { confirmIn: null, optedOut: false };
  }
  await tx.query(
    `insert into public.lead_channel_consent (org_id, lead_id, channel_kind, status, source, at)
     values ($1, $2, $3, 'opted_in', 'inbound_message', $4) on conflict (lead_id, channel_kind) do nothing`,
    [input.orgId, input.leadId, input.kind, base.at],
  );
  return { confirmIn: null, optedOut: (await consentStatus(tx, input.leadId, input.kind)) === "opted_out" };
}

/** The provider reported an opt-out on a send (WhatsApp's "stopped marketing messages"): as service. */
export async function optOutFromProvider(tx: Tx, orgId: string, leadId: string, kind: ChannelKind): Promise<void> {
  await recordConsent(tx, { orgId, leadId, kind, status: "opted_out", source: "provider", confirmedByProvider: true });
}
