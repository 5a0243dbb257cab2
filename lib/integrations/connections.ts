/**
 * Connections to outside services (Calendly), one per organization. Tokens live here only
 * as AES-256-GCM ciphertext whose associated data names the organization and the column,
 * so a value copied into another row or column does not open. Nothing in this module
 * returns a token to a caller outside lib/integrations, and nothing logs one.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { open, seal } from "@/lib/crypto/secret-box";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { CalendlyApiError, deleteWebhookSubscription } from "./calendly/client";
import { calendlyClient, calendlyEndpoints } from "./calendly/config";
import { CalendlyOAuthError, refreshToken, revokeToken, type CalendlyTokens } from "./calendly/oauth";
import { integrationProblem, storedProblems, type IntegrationProblem } from "./problems";

export type Provider = "calendly";
export type ConnectionStatus = "connected" | "needs_reauth" | "error" | "disconnected";
type SealedColumn = "access_token" | "refresh_token" | "webhook_signing_key";

/** Associated data binding a sealed value to its organization and column. */
const aad = (orgId: string, column: SealedColumn) => `integration_connections:${orgId}:${column}`;
export const sealSecret = (orgId: string, column: SealedColumn, value: string) =>
  seal(value, env().ENCRYPTION_KEY, aad(orgId, column));
export const openSecret = (orgId: string, column: SealedColumn, sealed: string) =>
  open(sealed, env().ENCRYPTION_KEY, aad(orgId, column));

/** What admins see: status and identity, never a token. */
export type ConnectionSummary = {
  id: string;
  provider: Provider;
  status: ConnectionStatus;
  accountName: string | null;
  accountEmail: string | null;
  organizationUri: string | null;
  schedulingUrl: string | null;
  scopes: string | null;
  lastSyncAt: Date | null;
  /** What went wrong last, as kinds the reader's language words (problems.ts); empty when all is well. */
  lastErrors: IntegrationProblem[];
  defaultOwnerId: string | null;
  connectedAt: Date | null;
};

/** Through RLS: only admins of the organization get a row (and only the granted columns exist for them). */
export async function getConnectionSummary(
  tx: Tx,
  orgId: string,
  provider: Provider = "calendly",
): Promise<ConnectionSummary | null> {
  const { rows } = await tx.query<ConnectionSummary>(
    `select id, provider, status, account_name as "accountName", account_email as "accountEmail", organization_uri as "organizationUri",
            scheduling_url as "schedulingUrl", scopes, last_sync_at as "lastSyncAt", last_errors as "lastErrors",
            default_owner_id as "defaultOwnerId", connected_at as "connectedAt"
       from public.integration_connections where org_id = $1 and provider = $2`,
    [orgId, provider],
  );
  const row = rows[0];
  return row ? { ...row, lastErrors: storedProblems(row.lastErrors) } : null;
}

/** Admins choose who owns leads that a booking creates (null: unassigned). */
export async function setDefaultOwner(tx: Tx, orgId: string, ownerId: string | null): Promise<boolean> {
  const result = await tx.query(
    "update public.integration_connections set default_owner_id = $2 where org_id = $1 and provider = 'calendly'",
    [orgId, ownerId],
  );
  return (result.rowCount ?? 0) > 0;
}

type StoredConnection = {
  id: string;
  org_id: string;
  status: ConnectionStatus;
  access_token_sealed: string | null;
  refresh_token_sealed: string | null;
  webhook_signing_key_sealed: string | null;
  webhook_subscription_uri: string | null;
  organization_uri: string | null;
  account_uri: string | null;
  expires_at: Date | null;
  default_owner_id: string | null;
};

const STORED_COLUMNS = `id, org_id, status, access_token_sealed, refresh_token_sealed, webhook_signing_key_sealed,
  webhook_subscription_uri, organization_uri, account_uri, expires_at, default_owner_id`;

/** The id an organization's connection has or will have (stable across reconnects: it is in the webhook URL). */
export async function connectionIdFor(orgId: string, provider: Provider = "calendly"): Promise<string> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      "select id from public.integration_connections where org_id = $1 and provider = $2",
      [orgId, provider],
    );
    return rows[0]?.id ?? crypto.randomUUID();
  });
}

/** Stores a fresh connection (after the OAuth callback), replacing whatever the organization had. */
export async function saveConnection(
  tx: Tx,
  input: {
    id: string;
    orgId: string;
    tokens: CalendlyTokens;
    signingKey: string;
    subscriptionUri: string;
    account: {
      uri: string;
      name: string | null;
      email: string | null;
      schedulingUrl: string | null;
      organizationUri: string;
    };
    connectedBy: string;
  },
): Promise<void> {
  const { orgId, tokens } = input;
  await tx.query(
    `insert into public.integration_connections as c (id, org_id, provider, status, access_token_sealed, refresh_token_sealed,
        webhook_signing_key_sealed, account_uri, account_name, account_email, owner_uri, organization_uri, scheduling_url,
        webhook_subscription_uri, scopes, expires_at, last_sync_at, last_errors, connected_by, connected_at, default_owner_id)
     values ($1, $2, 'calendly', 'connected', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now(), '[]', $15, now(), $15)
     on conflict (org_id, provider) do update set
       status = 'connected', access_token_sealed = excluded.access_token_sealed, refresh_token_sealed = excluded.refresh_token_sealed,
       webhook_signing_key_sealed = excluded.webhook_signing_key_sealed, account_uri = excluded.account_uri,
       account_name = excluded.account_name, account_email = excluded.account_email, owner_uri = excluded.owner_uri,
       organization_uri = excluded.organization_uri, scheduling_url = excluded.scheduling_url,
       webhook_subscription_uri = excluded.webhook_subscription_uri, scopes = excluded.scopes, expires_at = excluded.expires_at,
       last_sync_at = now(), last_errors = '[]', connected_by = excluded.connected_by, connected_at = now(),
       default_owner_id = coalesce(c.default_owner_id, excluded.default_owner_id),
       -- Possibly another Calendly account: its event types are listed afresh (calendly/event-types.ts).
       event_types = '[]', event_types_listed_at = null`,
    [
      input.id,
      orgId,
      sealSecret(orgId, "access_token", tokens.accessToken),
      sealSecret(orgId, "refresh_token", tokens.refreshToken),
      sealSecret(orgId, "webhook_signing_key", input.signingKey),
      input.account.uri,
      input.account.name,
      input.account.email,
      tokens.owner.userUri,
      input.account.organizationUri,
      input.account.schedulingUrl,
      input.subscriptionUri,
      tokens.scope,
      tokens.expiresAt,
      input.connectedBy,
    ],
  );
}

/** A webhook signing key: 32 random bytes, as Calendly accepts any string. */
export const newSigningKey = () => randomBytes(32).toString("base64url");

/**
 * Marks a connection as failing and tells the organization's admins (integration_failing),
 * once per change of status. The problem is a kind: what the provider said belongs in the log.
 */
export async function markFailing(
  tx: Tx,
  orgId: string,
  status: "needs_reauth" | "error",
  problem: IntegrationProblem,
): Promise<void> {
  const { rows } = await tx.query<{ status: ConnectionStatus }>(
    "select status from public.integration_connections where org_id = $1 and provider = 'calendly' for update",
    [orgId],
  );
  const previous = rows[0]?.status;
  if (!previous || previous === "disconnected") return;
  await tx.query(
    "update public.integration_connections set status = $2, last_errors = $3::jsonb where org_id = $1 and provider = 'calendly'",
    [orgId, status, JSON.stringify([problem])],
  );
  if (previous !== status)
    await notify(tx, { kind: "integration_failing", orgId, provider: "calendly", status, problem });
}

export class ConnectionUnavailable extends Error {
  constructor(
    readonly status: ConnectionStatus | "missing",
    message: string,
  ) {
    super(message);
    this.name = "ConnectionUnavailable";
  }
}

/** Refresh this long before expiry, so a token never expires mid-call. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * A usable access token for the organization. Refresh tokens are single-use at Calendly, so
 * the refresh happens under the connection's row lock and the new pair is stored in the same
 * transaction: two callers racing here make ONE refresh call; the second one waits for the
 * lock and then finds the fresh token. `force` refreshes even an unexpired token (after a 401).
 */
export async function freshAccessToken(orgId: string, options: { force?: boolean } = {}): Promise<string> {
  const client = calendlyClient();
  const outcome = await withService(async (tx) => {
    const { rows } = await tx.query<StoredConnection>(
      `select ${STORED_COLUMNS} from public.integration_connections where org_id = $1 and provider = 'calendly' for update`,
      [orgId],
    );
    const row = rows[0];
    if (!row || !row.access_token_sealed || !row.refresh_token_sealed)
      return { error: new ConnectionUnavailable(row?.status ?? "missing", "Calendly is not connected.") };
    if (row.status === "needs_reauth")
      return { error: new ConnectionUnavailable("needs_reauth", "Calendly needs to be reconnected.") };
    const expiresAt = row.expires_at ? new Date(row.expires_at).getTime() : 0;
    if (!options.force && expiresAt - REFRESH_MARGIN_MS > Date.now())
      return { token: openSecret(orgId, "access_token", row.access_token_sealed) };
    if (!client)
      return {
        error: new ConnectionUnavailable(
          "error",
          "CALENDLY_CLIENT_ID and CALENDLY_CLIENT_SECRET are not set; the token cannot be refreshed.",
        ),
      };

    try {
      const tokens = await refreshToken({
        ...client,
        refreshToken: openSecret(orgId, "refresh_token", row.refresh_token_sealed),
        tokenEndpoint: calendlyEndpoints().token,
      });
      await tx.query(
        `update public.integration_connections set access_token_sealed = $2, refresh_token_sealed = $3, expires_at = $4,
                scopes = coalesce($5, scopes), status = 'connected', last_errors = '[]', last_sync_at = now()
          where id = $1`,
        [
          row.id,
          sealSecret(orgId, "access_token", tokens.accessToken),
          sealSecret(orgId, "refresh_token", tokens.refreshToken),
          tokens.expiresAt,
          tokens.scope,
        ],
      );
      return { token: tokens.accessToken };
    } catch (error) {
      if (!(error instanceof CalendlyOAuthError)) throw error;
      // The grant is gone (revoked, or the refresh token was already used): only an admin reconnecting helps.
      const status = error.reauthRequired ? "needs_reauth" : "error";
      logger.warn({ orgId, status, err: error.message }, "calendly token refresh failed");
      await markFailing(
        tx,
        orgId,
        status,
        integrationProblem(error.reauthRequired ? "grant_revoked" : "token_refresh_failed"),
      );
      return { error: new ConnectionUnavailable(status, error.message) };
    }
  });
  if ("error" in outcome && outcome.error) throw outcome.error;
  return outcome.token!;
}

/**
 * Runs one Calendly API call with a fresh token. A 401 gets one forced refresh and retry;
 * a second 401 means the grant is unusable: needs re-auth, and the admins hear of it.
 */
export async function withCalendlyToken<T>(orgId: string, fn: (token: string) => Promise<T>): Promise<T> {
  let token = await freshAccessToken(orgId);
  try {
    return await fn(token);
  } catch (error) {
    if (!(error instanceof CalendlyApiError) || !error.unauthorized) throw error;
    token = await freshAccessToken(orgId, { force: true });
    try {
      return await fn(token);
    } catch (again) {
      if (again instanceof CalendlyApiError && again.unauthorized) {
        await withService((tx) => markFailing(tx, orgId, "needs_reauth", integrationProblem("token_rejected")));
      }
      throw again;
    }
  }
}

/**
 * Disconnect: deletes the webhook subscription and revokes the tokens at Calendly (best
 * effort: a grant that is already gone must not keep an admin from disconnecting), then
 * deletes every secret. Returns what could not be done remotely, as kinds for the admin to read
 * in their language; what Calendly said is logged.
 */
export async function disconnectCalendly(
  orgId: string,
): Promise<{ disconnected: boolean; warnings: IntegrationProblem[] }> {
  const warnings: IntegrationProblem[] = [];
  const reasons: string[] = [];
  const row = await withService(async (tx) => {
    const { rows } = await tx.query<StoredConnection>(
      `select ${STORED_COLUMNS} from public.integration_connections where org_id = $1 and provider = 'calendly'`,
      [orgId],
    );
    return rows[0];
  });
  if (!row || row.status === "disconnected") return { disconnected: false, warnings };

  if (row.webhook_subscription_uri && row.access_token_sealed) {
    try {
      await withCalendlyToken(orgId, (token) => deleteWebhookSubscription(token, row.webhook_subscription_uri!));
    } catch (error) {
      warnings.push(integrationProblem("webhook_delete_failed"));
      reasons.push(describe(error));
    }
  }
  const client = calendlyClient();
  // Re-read: the delete above may have refreshed (and so replaced) the tokens.
  const current = await withService(async (tx) => {
    const { rows } = await tx.query<StoredConnection>(
      `select ${STORED_COLUMNS} from public.integration_connections where org_id = $1 and provider = 'calendly'`,
      [orgId],
    );
    return rows[0];
  });
  if (client && current) {
    for (const [column, sealed] of [
      ["refresh_token", current.refresh_token_sealed],
      ["access_token", current.access_token_sealed],
    ] as const) {
      if (!sealed) continue;
      try {
        await revokeToken({
          ...client,
          token: openSecret(orgId, column, sealed),
          revokeEndpoint: calendlyEndpoints().revoke,
        });
      } catch (error) {
        warnings.push(integrationProblem("token_revoke_failed", { token: column }));
        reasons.push(describe(error));
      }
    }
  } else if (!client) {
    warnings.push(integrationProblem("revoke_not_configured"));
  }
  await withService(async (tx) => {
    await tx.query(
      `update public.integration_connections set status = 'disconnected', access_token_sealed = null, refresh_token_sealed = null,
              webhook_signing_key_sealed = null, webhook_subscription_uri = null, expires_at = null,
              event_types = '[]', event_types_listed_at = null, last_errors = $2::jsonb
        where org_id = $1 and provider = 'calendly'`,
      [orgId, JSON.stringify(warnings)],
    );
    await notify(tx, {
      kind: "integration_failing",
      orgId,
      provider: "calendly",
      status: "disconnected",
      problem: integrationProblem("disconnected"),
    });
  });
  if (warnings.length)
    logger.warn(
      { orgId, warnings: warnings.map((w) => w.kind), reasons },
      "calendly disconnect finished with warnings",
    );
  return { disconnected: true, warnings };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/** How a webhook delivery finds its organization and the key to check its signature with. */
export async function webhookConnection(connectionId: string): Promise<{ orgId: string; signingKey: string } | null> {
  return withService(async (tx) => {
    const { rows } = await tx.query<StoredConnection>(
      `select ${STORED_COLUMNS} from public.integration_connections where id = $1 and provider = 'calendly'`,
      [connectionId],
    );
    const row = rows[0];
    if (!row?.webhook_signing_key_sealed || row.status === "disconnected") return null;
    return {
      orgId: row.org_id,
      signingKey: openSecret(row.org_id, "webhook_signing_key", row.webhook_signing_key_sealed),
    };
  });
}

/** The organization whose connection belongs to this Calendly user or organization URI. */
export async function orgByCalendlyUri(tx: Tx, uris: string[]): Promise<string | null> {
  if (!uris.length) return null;
  const { rows } = await tx.query<{ org_id: string }>(
    `select org_id from public.integration_connections
      where provider = 'calendly' and status <> 'disconnected' and (account_uri = any($1::text[]) or owner_uri = any($1::text[]) or organization_uri = any($1::text[]))
      limit 2`,
    [uris],
  );
  return rows.length === 1 ? rows[0]!.org_id : null;
}

/** A delivery arrived for this organization: the connection is evidently alive. */
export async function touchConnection(tx: Tx, orgId: string): Promise<void> {
  await tx.query(
    "update public.integration_connections set last_sync_at = now() where org_id = $1 and provider = 'calendly' and status <> 'disconnected'",
    [orgId],
  );
}

/** Who owns leads that a booking creates: the admin's choice on the connection, else nobody. */
export async function defaultOwnerFor(tx: Tx, orgId: string): Promise<string | null> {
  const { rows } = await tx.query<{ default_owner_id: string | null }>(
    `select c.default_owner_id from public.integration_connections c
       join public.memberships m on m.org_id = c.org_id and m.user_id = c.default_owner_id
      where c.org_id = $1 and c.provider = 'calendly'`,
    [orgId],
  );
  return rows[0]?.default_owner_id ?? null;
}
