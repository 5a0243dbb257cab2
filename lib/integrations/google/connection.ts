/**
 * Each user's own Google connection (public.google_connections): its summary for the user,
 * the part switches, a usable access token (refresh with rotation, under the row's lock), the
 * needs-re-auth state with its notification, and disconnect (revoke at Google, then forget).
 * Tokens exist here only as AES-256-GCM ciphertext whose associated data names the organization,
 * the user and the column, so a value copied into another row or column does not open.
 * Nothing here returns a token outside lib/integrations, and nothing logs one.
 */
import "server-only";
import { open, seal } from "@/lib/crypto/secret-box";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { integrationProblem, storedProblems, type IntegrationProblem } from "../problems";
import { googleClient, googleSandboxActive, newOAuthClient } from "./config";
import { GOOGLE_PARTS, PART_SCOPES, partGranted, type GooglePart } from "./parts";
import { isSandboxToken } from "./sandbox/tokens";

export type GoogleConnectionStatus = "connected" | "needs_reauth" | "error" | "disconnected";
type SealedColumn = "access_token" | "refresh_token";

const aad = (orgId: string, userId: string, column: SealedColumn) => `google_connections:${orgId}:${userId}:${column}`;
const sealToken = (orgId: string, userId: string, column: SealedColumn, value: string) =>
  seal(value, env().ENCRYPTION_KEY, aad(orgId, userId, column));
const openToken = (orgId: string, userId: string, column: SealedColumn, sealed: string) =>
  open(sealed, env().ENCRYPTION_KEY, aad(orgId, userId, column));

/** What the user sees of their own connection: never a token. */
export type GoogleConnectionSummary = {
  id: string;
  status: GoogleConnectionStatus;
  email: string | null;
  /** Per part: turned on by the user, and granted by Google (usable only when both). */
  parts: Record<GooglePart, { enabled: boolean; granted: boolean }>;
  lastRefreshedAt: Date | null;
  lastErrors: IntegrationProblem[];
  connectedAt: Date | null;
};

type SummaryRow = {
  id: string;
  status: GoogleConnectionStatus;
  google_email: string | null;
  scopes: string[];
  gmail_enabled: boolean;
  calendar_enabled: boolean;
  last_refreshed_at: Date | null;
  last_errors: unknown;
  connected_at: Date | null;
};

const summaryOf = (row: SummaryRow): GoogleConnectionSummary => ({
  id: row.id,
  status: row.status,
  email: row.google_email,
  parts: {
    gmail: { enabled: row.gmail_enabled, granted: partGranted("gmail", row.scopes) },
    calendar: { enabled: row.calendar_enabled, granted: partGranted("calendar", row.scopes) },
  },
  lastRefreshedAt: row.last_refreshed_at,
  lastErrors: storedProblems(row.last_errors),
  connectedAt: row.connected_at,
});

/**
 * The user wants this part synced: turned on and granted, on a connection they have not ended.
 * A job already queued still runs while the connection waits for re-authorization, so its
 * failure names the real cause (the token) rather than "off".
 */
export function partWanted(connection: GoogleConnectionSummary | null, part: GooglePart): boolean {
  return (
    connection !== null &&
    connection.status !== "disconnected" &&
    connection.parts[part].enabled &&
    connection.parts[part].granted
  );
}

/** The part can be synced now: wanted, on a working connection (the SQL twin is googleConnectionsWithPart). */
export function partIsOn(connection: GoogleConnectionSummary | null, part: GooglePart): boolean {
  return connection?.status === "connected" && partWanted(connection, part);
}

const SUMMARY_COLUMNS = `id, status, google_email, scopes, gmail_enabled, calendar_enabled, last_refreshed_at, last_errors, connected_at`;

/** Through RLS: the signed-in user's own connection in this organization, or null. */
export async function getGoogleConnection(
  tx: Tx,
  orgId: string,
  userId: string,
): Promise<GoogleConnectionSummary | null> {
  const { rows } = await tx.query<SummaryRow>(
    `select ${SUMMARY_COLUMNS} from public.google_connections where org_id = $1 and user_id = $2`,
    [orgId, userId],
  );
  return rows[0] ? summaryOf(rows[0]) : null;
}

export type PartsChange = Partial<Record<GooglePart, boolean>>;

/**
 * Through RLS: turns parts off, and on where Google already granted their scopes. A part whose
 * scopes are missing is not turned on here; it is answered in `needsAuthorization`, and the
 * OAuth callback turns it on once Google grants it.
 */
export async function setGoogleParts(
  tx: Tx,
  orgId: string,
  userId: string,
  change: PartsChange,
): Promise<{ connection: GoogleConnectionSummary | null; needsAuthorization: GooglePart[] }> {
  const current = await getGoogleConnection(tx, orgId, userId);
  if (!current || current.status === "disconnected") return { connection: current, needsAuthorization: [] };
  const needsAuthorization: GooglePart[] = [];
  const next = { gmail: current.parts.gmail.enabled, calendar: current.parts.calendar.enabled };
  for (const part of GOOGLE_PARTS) {
    const wanted = change[part];
    if (wanted === undefined) continue;
    if (wanted && !current.parts[part].granted) needsAuthorization.push(part);
    else next[part] = wanted;
  }
  await tx.query(
    "update public.google_connections set gmail_enabled = $3, calendar_enabled = $4 where org_id = $1 and user_id = $2",
    [orgId, userId, next.gmail, next.calendar],
  );
  return { connection: await getGoogleConnection(tx, orgId, userId), needsAuthorization };
}

/** What the OAuth callback stores: the new grant, replacing whatever the user had. */
export async function saveGoogleConnection(
  tx: Tx,
  input: {
    orgId: string;
    userId: string;
    account: { sub: string; email: string | null };
    accessToken: string;
    /** Null when Google sent none (it did before, for the same account): the stored one stays. */
    refreshToken: string | null;
    expiresAt: Date;
    scopes: string[];
    enable: GooglePart[];
  },
): Promise<void> {
  const { orgId, userId } = input;
  await tx.query(
    `insert into public.google_connections as c (org_id, user_id, status, google_user_id, google_email, access_token_sealed,
        refresh_token_sealed, expires_at, scopes, gmail_enabled, calendar_enabled, last_refreshed_at, last_errors, connected_at)
     values ($1, $2, 'connected', $3, $4, $5, $6, $7, $8, $9, $10, now(), '[]', now())
     on conflict (org_id, user_id) do update set
       status = 'connected', google_user_id = excluded.google_user_id, google_email = excluded.google_email,
       access_token_sealed = excluded.access_token_sealed,
       refresh_token_sealed = coalesce(excluded.refresh_token_sealed, c.refresh_token_sealed),
       expires_at = excluded.expires_at, scopes = excluded.scopes,
       gmail_enabled = excluded.gmail_enabled, calendar_enabled = excluded.calendar_enabled,
       last_refreshed_at = now(), last_errors = '[]',
       -- Turning on another part is not a new connection.
       connected_at = case when c.status = 'connected' and c.google_user_id = excluded.google_user_id
                           then c.connected_at else now() end`,
    [
      orgId,
      userId,
      input.account.sub,
      input.account.email,
      sealToken(orgId, userId, "access_token", input.accessToken),
      input.refreshToken ? sealToken(orgId, userId, "refresh_token", input.refreshToken) : null,
      input.expiresAt,
      input.scopes,
      input.enable.includes("gmail"),
      input.enable.includes("calendar"),
    ],
  );
}

type StoredConnection = {
  id: string;
  status: GoogleConnectionStatus;
  google_user_id: string | null;
  access_token_sealed: string | null;
  refresh_token_sealed: string | null;
  expires_at: Date | null;
  scopes: string[];
  gmail_enabled: boolean;
  calendar_enabled: boolean;
};
const STORED_COLUMNS = `id, status, google_user_id, access_token_sealed, refresh_token_sealed, expires_at, scopes, gmail_enabled, calendar_enabled`;

/** As the service role: what the callback needs to know about the grant it is replacing. */
export async function storedGoogleGrant(
  orgId: string,
  userId: string,
): Promise<{ sub: string | null; refreshToken: string | null; enabled: GooglePart[] } | null> {
  const row = await storedConnection(orgId, userId);
  if (!row || row.status === "disconnected") return null;
  return {
    sub: row.google_user_id,
    refreshToken: row.refresh_token_sealed ? openToken(orgId, userId, "refresh_token", row.refresh_token_sealed) : null,
    enabled: GOOGLE_PARTS.filter((part) => row[`${part}_enabled`]),
  };
}

/**
 * Marks the connection as failing and tells its user (integration_failing), once per change of
 * status. The problem is a kind; what Google said belongs in the log.
 */
export async function markGoogleFailing(
  tx: Tx,
  orgId: string,
  userId: string,
  status: "needs_reauth" | "error",
  problem: IntegrationProblem,
): Promise<void> {
  const { rows } = await tx.query<{ status: GoogleConnectionStatus }>(
    "select status from public.google_connections where org_id = $1 and user_id = $2 for update",
    [orgId, userId],
  );
  const previous = rows[0]?.status;
  if (!previous || previous === "disconnected") return;
  await tx.query(
    "update public.google_connections set status = $3, last_errors = $4::jsonb where org_id = $1 and user_id = $2",
    [orgId, userId, status, JSON.stringify([problem])],
  );
  if (previous !== status)
    await notify(tx, { kind: "integration_failing", orgId, userId, provider: "google", status, problem });
}

export class GoogleConnectionUnavailable extends Error {
  constructor(
    readonly status: GoogleConnectionStatus | "missing",
    message: string,
  ) {
    super(message);
    this.name = "GoogleConnectionUnavailable";
  }
}

/**
 * The HTTP answer on an error from google-auth-library or a Google API client (a GaxiosError,
 * which the library does not export; read by shape so no second HTTP package is pinned beside it).
 */
export function googleErrorResponse(error: unknown): { status?: number; data?: unknown } | null {
  if (!error || typeof error !== "object" || !("response" in error)) return null;
  const response = (error as { response?: unknown }).response;
  return response && typeof response === "object" ? (response as { status?: number; data?: unknown }) : null;
}

/** Google's OAuth error code (`invalid_grant` …) when the token endpoint answered with one. */
function oauthErrorCode(error: unknown): string | null {
  const data = googleErrorResponse(error)?.data;
  if (data && typeof data === "object" && "error" in data && typeof data.error === "string") return data.error;
  return null;
}

/** The HTTP status Google answered with, or null when it did not answer. */
export const googleErrorStatus = (error: unknown): number | null => googleErrorResponse(error)?.status ?? null;
const statusOf = googleErrorStatus;

/** Refresh this long before expiry, so a token never expires mid-call. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * A usable access token for this user's connection. The refresh happens under the row's lock
 * and its result is stored in the same transaction, so two callers racing here make one refresh
 * call. Google may rotate the refresh token: a new one in the answer replaces the stored one,
 * none keeps it. `force` refreshes an unexpired token too (after a 401).
 */
export async function googleAccessToken(
  orgId: string,
  userId: string,
  options: { force?: boolean } = {},
): Promise<string> {
  const outcome = await withService(async (tx) => {
    const { rows } = await tx.query<StoredConnection>(
      `select ${STORED_COLUMNS} from public.google_connections where org_id = $1 and user_id = $2 for update`,
      [orgId, userId],
    );
    const row = rows[0];
    if (!row || !row.access_token_sealed || !row.refresh_token_sealed)
      return { error: new GoogleConnectionUnavailable(row?.status ?? "missing", "Google is not connected.") };
    if (row.status === "needs_reauth")
      return { error: new GoogleConnectionUnavailable("needs_reauth", "Google needs to be reconnected.") };
    // A sandbox grant kept after real credentials were set means nothing to Google, and its
    // payload names the user: reconnecting is the only way on, and it is never sent there.
    if (!googleSandboxActive() && isSandboxToken(openToken(orgId, userId, "refresh_token", row.refresh_token_sealed))) {
      await markGoogleFailing(tx, orgId, userId, "needs_reauth", integrationProblem("grant_revoked"));
      return { error: new GoogleConnectionUnavailable("needs_reauth", "A sandbox Google grant outside sandbox mode.") };
    }
    const expiresAt = row.expires_at ? new Date(row.expires_at).getTime() : 0;
    if (!options.force && expiresAt - REFRESH_MARGIN_MS > Date.now())
      return { token: openToken(orgId, userId, "access_token", row.access_token_sealed) };
    if (!googleClient())
      return {
        error: new GoogleConnectionUnavailable(
          "error",
          "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set; the token cannot be refreshed.",
        ),
      };

    const client = newOAuthClient();
    const refreshToken = openToken(orgId, userId, "refresh_token", row.refresh_token_sealed);
    // The library copies the old refresh token over the answer's after emitting it, so the
    // answer as Google sent it (with a rotated refresh token, if any) is taken from the event.
    let answered: {
      access_token?: string | null;
      refresh_token?: string | null;
      expiry_date?: number | null;
      scope?: string;
    } = {};
    client.on("tokens", (tokens) => (answered = { ...tokens }));
    client.setCredentials({ refresh_token: refreshToken });
    try {
      await client.getAccessToken();
    } catch (error) {
      const code = oauthErrorCode(error);
      // invalid_grant: revoked at Google, expired, or the password changed; only the user reconnecting helps.
      const status = code === "invalid_grant" ? "needs_reauth" : "error";
      logger.warn({ orgId, userId, status, code, httpStatus: statusOf(error) }, "google token refresh failed");
      await markGoogleFailing(
        tx,
        orgId,
        userId,
        status,
        integrationProblem(status === "needs_reauth" ? "grant_revoked" : "token_refresh_failed"),
      );
      return { error: new GoogleConnectionUnavailable(status, code ?? "refresh failed") };
    }
    if (!answered.access_token)
      return { error: new GoogleConnectionUnavailable("error", "Google answered the refresh without a token.") };
    await tx.query(
      `update public.google_connections set access_token_sealed = $2, refresh_token_sealed = coalesce($3, refresh_token_sealed),
              expires_at = $4, scopes = coalesce($5, scopes), status = 'connected', last_errors = '[]', last_refreshed_at = now()
        where id = $1`,
      [
        row.id,
        sealToken(orgId, userId, "access_token", answered.access_token),
        answered.refresh_token ? sealToken(orgId, userId, "refresh_token", answered.refresh_token) : null,
        new Date(answered.expiry_date ?? Date.now() + 3_600_000),
        answered.scope ? answered.scope.split(/\s+/).filter(Boolean) : null,
      ],
    );
    return { token: answered.access_token };
  });
  if ("error" in outcome && outcome.error) throw outcome.error;
  return outcome.token!;
}

const unauthorized = (error: unknown) => statusOf(error) === 401;

/**
 * Runs one Google API call with this user's token. A 401 gets one forced refresh and retry; a
 * second 401 means the grant is unusable: needs re-auth, and the user hears of it.
 */
export async function withGoogleToken<T>(orgId: string, userId: string, fn: (token: string) => Promise<T>): Promise<T> {
  let token = await googleAccessToken(orgId, userId);
  try {
    return await fn(token);
  } catch (error) {
    if (!unauthorized(error)) throw error;
    token = await googleAccessToken(orgId, userId, { force: true });
    try {
      return await fn(token);
    } catch (again) {
      if (unauthorized(again))
        await withService((tx) =>
          markGoogleFailing(tx, orgId, userId, "needs_reauth", integrationProblem("token_rejected")),
        );
      throw again;
    }
  }
}

/** Revokes a token at Google; false when Google could not be told (already gone counts as done). */
export async function revokeGoogleToken(token: string): Promise<boolean> {
  // Nobody but the sandbox ever honoured it, and Google must not be handed one.
  if (isSandboxToken(token) && !googleSandboxActive()) return true;
  try {
    await newOAuthClient().revokeToken(token);
    return true;
  } catch (error) {
    // 400 invalid_token: the grant is already gone, which is what revoking wanted.
    if (statusOf(error) === 400) return true;
    logger.warn({ httpStatus: statusOf(error), code: oauthErrorCode(error) }, "google token revoke failed");
    return false;
  }
}

/** The stored connection of one member, tokens sealed, as the service role reads it. */
async function storedConnection(orgId: string, userId: string): Promise<StoredConnection | undefined> {
  return withService(async (tx) => {
    const { rows } = await tx.query<StoredConnection>(
      `select ${STORED_COLUMNS} from public.google_connections where org_id = $1 and user_id = $2`,
      [orgId, userId],
    );
    return rows[0];
  });
}

/**
 * Ends a stored grant at Google, best effort: a grant already gone must not keep anyone
 * connected. Returns what could not be done remotely, as kinds the user reads in their language.
 */
async function revokeGrant(row: StoredConnection, orgId: string, userId: string): Promise<IntegrationProblem[]> {
  if (!googleClient()) return [integrationProblem("revoke_not_configured")];
  // Revoking the refresh token ends the whole grant at Google; the access token is the fallback.
  let revoked = false;
  for (const [column, sealed] of [
    ["refresh_token", row.refresh_token_sealed],
    ["access_token", row.access_token_sealed],
  ] as const) {
    if (!revoked && sealed) revoked = await revokeGoogleToken(openToken(orgId, userId, column, sealed));
  }
  return revoked ? [] : [integrationProblem("token_revoke_failed", { token: "refresh_token" })];
}

/**
 * Disconnect: revokes the grant at Google, then deletes the tokens and turns every part off.
 * The row stays (status disconnected) so the card can show what could not be done remotely.
 */
export async function disconnectGoogle(
  orgId: string,
  userId: string,
): Promise<{ disconnected: boolean; warnings: IntegrationProblem[] }> {
  const row = await storedConnection(orgId, userId);
  if (!row || row.status === "disconnected") return { disconnected: false, warnings: [] };
  const warnings = await revokeGrant(row, orgId, userId);
  await withService((tx) =>
    tx.query(
      `update public.google_connections set status = 'disconnected', access_token_sealed = null, refresh_token_sealed = null,
              expires_at = null, scopes = '{}', gmail_enabled = false, calendar_enabled = false, last_errors = $3::jsonb
        where org_id = $1 and user_id = $2`,
      [orgId, userId, JSON.stringify(warnings)],
    ),
  );
  return { disconnected: true, warnings };
}

/**
 * Connections of people who are no longer members of the connection's organization: each grant
 * is revoked at Google (best effort, as on disconnect) and the row deleted, tokens and all.
 * A grant Google could not be told about is still deleted here: keeping its tokens would only
 * keep a credential nobody may use, and the count says how many Google may still honour.
 */
export async function forgetDepartedGoogleConnections(): Promise<{ forgotten: number; unrevoked: number }> {
  const departed = await withService(async (tx) => {
    const { rows } = await tx.query<{ org_id: string; user_id: string }>(
      `select g.org_id, g.user_id from public.google_connections g
        where not exists (select 1 from public.memberships m where m.org_id = g.org_id and m.user_id = g.user_id)
        limit 100`,
    );
    return rows;
  });
  let unrevoked = 0;
  for (const { org_id: orgId, user_id: userId } of departed) {
    const row = await storedConnection(orgId, userId);
    if (row && row.status !== "disconnected" && (await revokeGrant(row, orgId, userId)).length) unrevoked += 1;
    // Only while they are still away: someone who rejoined meanwhile keeps their connection.
    await withService((tx) =>
      tx.query(
        `delete from public.google_connections g where g.org_id = $1 and g.user_id = $2
            and not exists (select 1 from public.memberships m where m.org_id = g.org_id and m.user_id = g.user_id)`,
        [orgId, userId],
      ),
    );
  }
  return { forgotten: departed.length, unrevoked };
}

/**
 * As the service role: the connections with a part turned on, granted and healthy (the syncs'
 * schedule), oldest first, so a long list is walked fairly across runs. partIsOn, in SQL.
 */
export async function googleConnectionsWithPart(
  tx: Tx,
  part: GooglePart,
  limit = 500,
): Promise<{ orgId: string; userId: string; connectionId: string }[]> {
  const { rows } = await tx.query<{ org_id: string; user_id: string; id: string }>(
    `select g.org_id, g.user_id, g.id from public.google_connections g
      where g.status = 'connected' and g.${part === "gmail" ? "gmail_enabled" : "calendar_enabled"}
        and g.scopes @> $1::text[]
        and exists (select 1 from public.memberships m where m.org_id = g.org_id and m.user_id = g.user_id)
      order by g.updated_at limit $2`,
    [[...PART_SCOPES[part]], limit],
  );
  return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id, connectionId: r.id }));
}
