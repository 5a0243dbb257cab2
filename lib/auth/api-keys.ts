/**
 * API keys: creating, listing and revoking them (admins, under RLS), and turning a
 * `Authorization: Bearer <key>` header into a session that acts as the key's organization.
 *
 * A key is `kiln_` followed by 32 random bytes in base64url. Only its SHA-256 is stored
 * (public.api_keys.secret_hash): a 256-bit random secret cannot be guessed, so a slow
 * password hash would only cost CPU on every request, while a plain digest is found by an
 * indexed lookup. The first characters are kept as a visible prefix so people can tell
 * their keys apart. The secret itself is answered once, by createApiKey, and never again.
 *
 * A key request runs as its organization's API principal (see the migration
 * 20261206110000_api_keys.sql): an admin of that one organization as far as RLS goes,
 * narrowed further by the key's scopes, which route() checks per route.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import { planLimits, isPlan } from "@/lib/billing/plans";
import { withService, type Tx } from "@/lib/db";
import { unauthorized, notFound } from "@/lib/http/errors";
import type { ApiKey, CreateApiKeyInput } from "./api-key-schema";
import { normalizeScopes, type ApiScope } from "./api-scopes";
import type { Session } from "./types";

export const API_KEY_PREFIX = "kiln_";
/** `kiln_` and the first 8 characters of the secret: enough to tell keys apart, useless to guess with. */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const KEY_FORMAT = /^kiln_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/**
 * The bearer token of a request, or null when it sends none. A request with an
 * Authorization header that is not a bearer token is still a key request (answered 401),
 * never quietly treated as a browser's.
 */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header === null) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

// ---------------------------------------------------------------------------------------
// Managing keys (an admin's own RLS transaction).

type KeyRow = ApiKey;

const KEY_COLUMNS = `k.id, k.name, k.prefix, k.scopes, k.rate_limit_per_minute as "rateLimitPerMinute",
  to_char(k.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "expiresAt",
  to_char(k.last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastUsedAt",
  k.last_used_ip as "lastUsedIp",
  to_char(k.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "revokedAt",
  to_char(k.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  k.created_by as "createdBy", nullif(p.full_name, '') as "createdByName"`;

/** The organization's keys, newest first, revoked ones included (they explain past requests). */
export async function listApiKeys(tx: Tx, orgId: string): Promise<ApiKey[]> {
  const { rows } = await tx.query<KeyRow>(
    `select ${KEY_COLUMNS}
       from public.api_keys k left join public.profiles p on p.id = k.created_by
      where k.org_id = $1
      order by k.revoked_at is not null, k.created_at desc, k.id
      limit 500`,
    [orgId],
  );
  return rows;
}

async function getApiKey(tx: Tx, orgId: string, id: string): Promise<ApiKey | null> {
  const { rows } = await tx.query<KeyRow>(
    `select ${KEY_COLUMNS} from public.api_keys k left join public.profiles p on p.id = k.created_by
      where k.org_id = $1 and k.id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

/** Creates a key and answers its secret, the only time it is ever shown. */
export async function createApiKey(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: Pick<CreateApiKeyInput, "name" | "scopes"> &
    Partial<Pick<CreateApiKeyInput, "expiresAt" | "rateLimitPerMinute">>,
): Promise<{ apiKey: ApiKey; key: string }> {
  await tx.query("select private.ensure_api_principal($1)", [orgId]);
  const { key, prefix, hash } = generateApiKey();
  const scopes = normalizeScopes(input.scopes);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.api_keys (org_id, name, prefix, secret_hash, scopes, rate_limit_per_minute, expires_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [orgId, input.name, prefix, hash, scopes, input.rateLimitPerMinute ?? null, input.expiresAt ?? null, actorId],
  );
  const id = rows[0]!.id;
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "api_key.created",
    targetType: "api_key",
    targetId: id,
    metadata: {
      name: input.name,
      prefix,
      scopes,
      expiresAt: input.expiresAt?.toISOString() ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
    },
  });
  return { apiKey: (await getApiKey(tx, orgId, id))!, key };
}

/** Revokes a key at once: its next request is a 401. Revoking a revoked key changes nothing. */
export async function revokeApiKey(tx: Tx, actorId: string, orgId: string, id: string): Promise<ApiKey> {
  const { rows } = await tx.query<{ id: string; name: string; prefix: string }>(
    `update public.api_keys set revoked_at = now(), revoked_by = $3
      where org_id = $1 and id = $2 and revoked_at is null
      returning id, name, prefix`,
    [orgId, id, actorId],
  );
  if (rows[0]) {
    await recordAudit(tx, {
      orgId,
      actorId,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
      metadata: { name: rows[0].name, prefix: rows[0].prefix },
    });
  }
  const key = await getApiKey(tx, orgId, id);
  if (!key) throw notFound("apiKeyNotFound");
  return key;
}

// ---------------------------------------------------------------------------------------
// Authenticating a request.

export type ApiKeyCaller = {
  keyId: string;
  orgId: string;
  orgName: string;
  principalId: string;
  principalEmail: string;
  scopes: ApiScope[];
  /** Requests a minute for this key, and for the whole organization (its plan). */
  keyLimitPerMinute: number;
  orgLimitPerMinute: number;
};

/** Only so often is a key's last use written: a busy key would otherwise write on every request. */
const LAST_USED_EVERY_SECONDS = 30;

/**
 * The caller of a bearer token, or a 401 (unknown, revoked, expired). Looked up as the
 * service role: there is no user yet, and the secret's hash is the whole proof. Records
 * the last use (time and client address).
 */
export async function authenticateApiKey(token: string, address: string): Promise<ApiKeyCaller> {
  if (!KEY_FORMAT.test(token)) throw unauthorized("apiKeyInvalid");
  const hash = hashApiKey(token);
  return withService(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      org_id: string;
      org_name: string;
      plan: string;
      principal_id: string;
      principal_email: string;
      scopes: ApiScope[];
      rate_limit_per_minute: number | null;
      revoked: boolean;
      expired: boolean;
    }>(
      `select k.id, k.org_id, o.name as org_name, o.plan, p.user_id as principal_id, u.email as principal_email,
              k.scopes, k.rate_limit_per_minute,
              k.revoked_at is not null as revoked, coalesce(k.expires_at <= now(), false) as expired
         from public.api_keys k
         join public.organizations o on o.id = k.org_id
         join public.api_principals p on p.org_id = k.org_id
         join auth.users u on u.id = p.user_id
        where k.secret_hash = $1`,
      [hash],
    );
    const row = rows[0];
    if (!row) throw unauthorized("apiKeyInvalid");
    if (row.revoked) throw unauthorized("apiKeyRevoked");
    if (row.expired) throw unauthorized("apiKeyExpired");
    await tx.query(
      `update public.api_keys set last_used_at = now(), last_used_ip = $2
        where id = $1 and (last_used_at is null or last_used_at < now() - make_interval(secs => $3)
                           or last_used_ip is distinct from $2)`,
      [row.id, address.slice(0, 64), LAST_USED_EVERY_SECONDS],
    );
    const orgLimit = planLimits(isPlan(row.plan) ? row.plan : "basic").apiRequestsPerMinute;
    return {
      keyId: row.id,
      orgId: row.org_id,
      orgName: row.org_name,
      principalId: row.principal_id,
      principalEmail: row.principal_email,
      scopes: row.scopes,
      keyLimitPerMinute: Math.min(row.rate_limit_per_minute ?? orgLimit, orgLimit),
      orgLimitPerMinute: orgLimit,
    };
  });
}

/**
 * The session a key request runs with: its organization's principal, an admin there and a
 * member of nothing else. Handlers see an ordinary session; `apiKey` tells them (and
 * route()) who really asks.
 */
export function apiKeySession(caller: ApiKeyCaller): Session {
  const org = { orgId: caller.orgId, orgName: caller.orgName, role: "admin" as const };
  return {
    claims: { sub: caller.principalId, role: "authenticated", api_key_id: caller.keyId },
    user: { id: caller.principalId, email: caller.principalEmail, fullName: "API" },
    sessionId: null,
    org,
    memberships: [org],
    apiKey: { id: caller.keyId, scopes: caller.scopes },
  };
}
