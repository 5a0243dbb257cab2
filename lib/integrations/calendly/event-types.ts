/**
 * The Calendly event types an organization offers: what a member may choose as their default
 * (Settings → Preferences) and what a draft may offer a lead. Listed live from Calendly with the
 * connection's token and kept on the connection (`integration_connections.event_types`), so every
 * other read (the settings page, export and import, the drafting job) is plain SQL and never
 * waits on Calendly. Without a connection, an installation without Calendly credentials that runs
 * sandbox tools offers the sandbox's event types, labelled as such.
 */
import "server-only";
import { z } from "zod";
import { withService, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { CalendlyApiError, listEventTypes, type CalendlyEventType } from "./client";
import { calendlyClient, calendlyEndpoints, calendlySandboxEnabled } from "./config";
import { SANDBOX_EVENT_TYPE_KEYS, type SandboxEventTypeKey } from "./sandbox-event-types";
import { ConnectionUnavailable, withCalendlyToken } from "../connections";

export type { CalendlyEventType };

/** Where the list comes from: the connected account, the sandbox, or nowhere (not connected). */
export type EventTypeSource = "calendly" | "sandbox" | "none";

export type OfferedEventType = CalendlyEventType & { sandbox: SandboxEventTypeKey | null };

export type OfferedEventTypes = { source: EventTypeSource; eventTypes: OfferedEventType[] };

const SANDBOX_DURATIONS: Record<SandboxEventTypeKey, number> = { intro_call: 30, site_visit: 60 };

/** Stable URIs under the configured API origin, as simulated bookings use; the booking pages are Calendly-shaped placeholders. */
export function sandboxEventTypes(): OfferedEventType[] {
  const api = calendlyEndpoints().api;
  return SANDBOX_EVENT_TYPE_KEYS.map((key) => ({
    uri: `${api}/event_types/kiln-sandbox-${key.replace("_", "-")}`,
    name: null,
    schedulingUrl: `https://calendly.com/kiln-sandbox/${key.replace("_", "-")}`,
    durationMinutes: SANDBOX_DURATIONS[key],
    sandbox: key,
  }));
}

/** Sandbox event types stand in only where real ones cannot exist: no credentials, sandbox tools on. */
const sandboxOffered = () => calendlyClient() === null && calendlySandboxEnabled();

const storedSchema = z.array(
  z.object({
    uri: z.string(),
    name: z.string().nullable(),
    schedulingUrl: z.string(),
    durationMinutes: z.number().nullable(),
  }),
);

const fromStored = (value: unknown): OfferedEventType[] => {
  const parsed = storedSchema.safeParse(value);
  return parsed.success ? parsed.data.map((type) => ({ ...type, sandbox: null })) : [];
};

/**
 * The event types as last listed, without calling Calendly: in the caller's transaction, for
 * members under RLS (through `private.calendly_event_types`) and for the service role alike.
 */
export async function knownEventTypes(tx: Tx, orgId: string): Promise<OfferedEventTypes> {
  const { rows } = await tx.query<{ connected: boolean; event_types: unknown }>(
    "select connected, event_types from private.calendly_event_types($1)",
    [orgId],
  );
  const row = rows[0];
  if (row?.connected) return { source: "calendly", eventTypes: fromStored(row.event_types) };
  return sandboxOffered() ? { source: "sandbox", eventTypes: sandboxEventTypes() } : { source: "none", eventTypes: [] };
}

/**
 * Lists the connected account's event types at Calendly and keeps them (the picker calls this).
 * Outside any transaction: it calls Calendly and opens its own. When Calendly cannot be reached,
 * the last list stands and `listFailed` says so.
 */
export async function refreshEventTypes(orgId: string): Promise<OfferedEventTypes & { listFailed: boolean }> {
  const connection = await withService(async (tx) => {
    const { rows } = await tx.query<{ organization_uri: string | null; account_uri: string | null }>(
      `select organization_uri, account_uri from public.integration_connections
        where org_id = $1 and provider = 'calendly' and status <> 'disconnected'`,
      [orgId],
    );
    return rows[0] ?? null;
  });
  if (!connection?.organization_uri) {
    const known = await withService((tx) => knownEventTypes(tx, orgId));
    return { ...known, listFailed: false };
  }
  const scope = { organizationUri: connection.organization_uri, userUri: connection.account_uri };
  try {
    const eventTypes = await withCalendlyToken(orgId, (token) => listEventTypes(token, scope));
    await withService((tx) =>
      tx.query(
        `update public.integration_connections set event_types = $2::jsonb, event_types_listed_at = now()
          where org_id = $1 and provider = 'calendly' and status <> 'disconnected'`,
        [orgId, JSON.stringify(eventTypes)],
      ),
    );
    return {
      source: "calendly",
      eventTypes: eventTypes.map((type) => ({ ...type, sandbox: null })),
      listFailed: false,
    };
  } catch (error) {
    if (!(error instanceof CalendlyApiError) && !(error instanceof ConnectionUnavailable)) throw error;
    logger.warn({ orgId, status: error.status }, "calendly event types could not be listed");
    const known = await withService((tx) => knownEventTypes(tx, orgId));
    return { ...known, listFailed: true };
  }
}
