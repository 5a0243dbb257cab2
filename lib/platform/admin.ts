import "server-only";
/**
 * The platform admin console's one way into the data (/admin and /api/v1/platform/admin).
 *
 * Everything here BYPASSES ROW-LEVEL SECURITY (withService): the console reads across every
 * organization. That is safe only because nothing here runs without a `PlatformAdmin`, and the
 * only way to get one is `platformAdminOf(session)`, which checks the signed-in user against
 * KILN_PLATFORM_ADMINS and public.platform_admins and answers 404 to anyone else. Every read is
 * logged with the admin's identity; every action is written to public.platform_audit_log in the
 * same transaction as the action.
 *
 * Reads here look at tables other modules own (organizations, leads, messages, job_failures,
 * server_errors, auth.users …); writes go through their owners (lib/auth/sign-in-access.ts).
 */
import { recordPlatformAudit } from "@/lib/audit";
import { grantedPlatformAdminIds, namedByEnvironment, requirePlatformAdminOrNotFound } from "@/lib/auth/platform";
import type { Session } from "@/lib/auth/session";
import { setSignInDisabled } from "@/lib/auth/sign-in-access";
import { withService } from "@/lib/db";
import { decodeCursor, encodeCursor, type Keyset } from "@/lib/http/cursor";
import { conflict, notFound } from "@/lib/http/errors";
import { inboundHealth, type InboundHealth } from "@/lib/inbound/health";
import { queueHealth, type QueueHealth } from "@/lib/jobs/health";
import { logger } from "@/lib/log";
import { billingStatusOf, type BillingStatus } from "./billing-status";
import type { AdminErrorsQuery, AdminListQuery, ErrorKind } from "./schema";

declare const verified: unique symbol;
/** A signed-in user checked to be a platform admin. Only platformAdminOf makes one. */
export type PlatformAdmin = { readonly id: string; readonly email: string; readonly [verified]: true };

/** The signed-in platform admin, or a 404 for everyone else (signed out included). */
export async function platformAdminOf(session: Session | null): Promise<PlatformAdmin> {
  await requirePlatformAdminOrNotFound(session);
  return { id: session!.user.id, email: session!.user.email } as PlatformAdmin;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

function logRead(admin: PlatformAdmin, view: string, details: Record<string, unknown> = {}) {
  logger.info({ platformAdminId: admin.id, view, ...details }, "platform admin read");
}

/** `q` as an ILIKE pattern that matches it literally anywhere. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One row past the page tells whether there is a next one; its cursor is the page's last row. */
function paged<T extends { id: string; cursorAt: string }>(rows: T[], limit: number): Page<Omit<T, "cursorAt">> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
  return { items: items.map(({ cursorAt: _cursorAt, ...item }) => item), nextCursor };
}

const after = (cursor: string | undefined): Keyset | null => (cursor ? decodeCursor(cursor) : null);

// ---------------------------------------------------------------------------------------
// Organizations

/** First steps of a new organization, in the order onboarding suggests them. */
export const ONBOARDING_STEPS = ["project", "channel", "agent", "teammate", "lead"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export type AdminOrganization = {
  id: string;
  name: string;
  createdAt: Date;
  billing: Pick<BillingStatus, "plan" | "status" | "trialEnd">;
  members: number;
  leads: number;
  messagesThisMonth: number;
  /** Server errors and dead-lettered jobs of the last 7 days. */
  errors7d: number;
  onboarding: { done: OnboardingStep[]; total: number };
};

type OrganizationRow = {
  id: string;
  name: string;
  plan: string;
  createdAt: Date;
  cursorAt: string;
  members: number;
  leads: number;
  messagesThisMonth: number;
  errors7d: number;
  steps: Record<OnboardingStep, boolean>;
};

export async function listOrganizations(admin: PlatformAdmin, query: AdminListQuery): Promise<Page<AdminOrganization>> {
  logRead(admin, "organizations", { searched: Boolean(query.q) });
  const before = after(query.cursor);
  return withService(async (tx) => {
    // Counted per row of one page (25 by default), each on an index led by org_id.
    const { rows } = await tx.query<OrganizationRow>(
      `select o.id, o.name, o.plan, o.created_at as "createdAt", o.created_at::text as "cursorAt",
              (select count(*)::int from public.memberships m where m.org_id = o.id) as members,
              (select count(*)::int from public.leads l where l.org_id = o.id and l.deleted_at is null) as leads,
              (select count(*)::int from public.messages x
                where x.org_id = o.id and x.created_at >= date_trunc('month', now())) as "messagesThisMonth",
              (select count(*)::int from public.server_errors e
                where e.org_id = o.id and e.created_at > now() - interval '7 days')
              + (select count(*)::int from public.job_failures f
                where f.org_id = o.id and f.failed_at > now() - interval '7 days') as "errors7d",
              jsonb_build_object(
                'project', exists (select 1 from public.projects p where p.org_id = o.id),
                'channel', exists (select 1 from public.channels c where c.org_id = o.id),
                'agent', exists (select 1 from public.ai_agents a where a.org_id = o.id),
                'teammate', (select count(*) from public.memberships m where m.org_id = o.id) > 1,
                'lead', exists (select 1 from public.leads l where l.org_id = o.id)
              ) as steps
         from public.organizations o
        where ($1::text is null or o.name ilike $2 or o.id::text = lower($1))
          and ($3::timestamptz is null or (o.created_at, o.id) < ($3::timestamptz, $4::uuid))
        order by o.created_at desc, o.id desc
        limit $5`,
      [query.q || null, containing(query.q ?? ""), before?.at ?? null, before?.id ?? null, query.limit + 1],
    );
    const page = paged(rows, query.limit);
    const items: AdminOrganization[] = [];
    for (const row of page.items) {
      const billing = await billingStatusOf(tx, row.id, row.plan);
      items.push({
        id: row.id,
        name: row.name,
        createdAt: row.createdAt,
        billing: { plan: billing.plan, status: billing.status, trialEnd: billing.trialEnd },
        members: row.members,
        leads: row.leads,
        messagesThisMonth: row.messagesThisMonth,
        errors7d: row.errors7d,
        onboarding: { done: ONBOARDING_STEPS.filter((step) => row.steps[step]), total: ONBOARDING_STEPS.length },
      });
    }
    return { items, nextCursor: page.nextCursor };
  });
}

// ---------------------------------------------------------------------------------------
// Users

export type AdminUser = {
  id: string;
  email: string;
  fullName: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  signInDisabled: boolean;
  platformAdmin: boolean;
  organizations: { orgId: string; name: string; role: string }[];
};

type UserRow = Omit<AdminUser, "platformAdmin"> & { cursorAt: string };

/** People only: the users API keys act as (public.api_principals) never sign in and are not listed. */
export async function listUsers(admin: PlatformAdmin, query: AdminListQuery): Promise<Page<AdminUser>> {
  logRead(admin, "users", { searched: Boolean(query.q) });
  const before = after(query.cursor);
  return withService(async (tx) => {
    const { rows } = await tx.query<UserRow>(
      `select u.id, u.email, coalesce(p.full_name, '') as "fullName", u.created_at as "createdAt",
              u.created_at::text as "cursorAt", u.last_sign_in_at as "lastSignInAt",
              coalesce(u.banned_until > now(), false) as "signInDisabled",
              coalesce((select jsonb_agg(jsonb_build_object('orgId', o.id, 'name', o.name, 'role', m.role) order by o.name)
                          from public.memberships m join public.organizations o on o.id = m.org_id
                         where m.user_id = u.id), '[]'::jsonb) as organizations
         from auth.users u left join public.profiles p on p.id = u.id
        where u.deleted_at is null
          and not exists (select 1 from public.api_principals ap where ap.user_id = u.id)
          and ($1::text is null or u.email ilike $2 or p.full_name ilike $2 or u.id::text = lower($1))
          and ($3::timestamptz is null or (u.created_at, u.id) < ($3::timestamptz, $4::uuid))
        order by u.created_at desc, u.id desc
        limit $5`,
      [query.q || null, containing(query.q ?? ""), before?.at ?? null, before?.id ?? null, query.limit + 1],
    );
    const page = paged(rows, query.limit);
    const granted = await grantedPlatformAdminIds(
      tx,
      page.items.map((u) => u.id),
    );
    const items = page.items.map((user) => ({
      ...user,
      platformAdmin: granted.has(user.id) || namedByEnvironment(user.email),
    }));
    return { items, nextCursor: page.nextCursor };
  });
}

/**
 * Disables or enables a person's sign-in; disabling ends their sessions (lib/auth/sign-in-access.ts).
 * An admin cannot lock themselves out. Audited with the admin's identity.
 */
export async function setUserSignIn(
  admin: PlatformAdmin,
  userId: string,
  enabled: boolean,
): Promise<{ userId: string; signInDisabled: boolean; sessionsEnded: number }> {
  if (userId === admin.id && !enabled) throw conflict("cannotDisableOwnSignIn");
  return withService(async (tx) => {
    const person = await tx.query<{ email: string }>(
      `select u.email from auth.users u
        where u.id = $1 and u.deleted_at is null
          and not exists (select 1 from public.api_principals ap where ap.user_id = u.id)`,
      [userId],
    );
    if (!person.rows[0]) throw notFound("userNotFound");
    const outcome = await setSignInDisabled(tx, userId, !enabled);
    if (outcome.changed) {
      await recordPlatformAudit(tx, {
        actorId: admin.id,
        actorEmail: admin.email,
        action: enabled ? "user.sign_in_enabled" : "user.sign_in_disabled",
        targetType: "user",
        targetId: userId,
        metadata: { email: person.rows[0].email, sessionsEnded: outcome.sessionsEnded },
      });
    }
    logger.info(
      { platformAdminId: admin.id, userId, enabled, changed: outcome.changed },
      "platform admin changed a user's sign-in",
    );
    return { userId, signInDisabled: !enabled, sessionsEnded: outcome.sessionsEnded };
  });
}

// ---------------------------------------------------------------------------------------
// Error log: server errors (lib/http/server-errors.ts) and dead-lettered jobs (lib/jobs/failures.ts)

export type AdminError = {
  id: string;
  kind: ErrorKind;
  at: Date;
  orgId: string | null;
  orgName: string | null;
  /** The request's x-request-id (server errors); the job's id for dead letters. */
  reference: string;
  /** "GET /api/v1/leads" or the job's queue. */
  where: string;
  status: number | null;
  errorName: string | null;
  message: string;
  attempts: number | null;
};

type ErrorRow = AdminError & { cursorAt: string };

export async function listErrors(admin: PlatformAdmin, query: AdminErrorsQuery): Promise<Page<AdminError>> {
  logRead(admin, "errors", { searched: Boolean(query.q), orgId: query.org ?? null, kind: query.kind ?? null });
  const before = after(query.cursor);
  const q = query.q || null;
  // A request id, a job id or an organization id is looked up exactly; anything else is searched in the text.
  const exact = q && UUID.test(q) ? q.toLowerCase() : q;
  return withService(async (tx) => {
    const { rows } = await tx.query<ErrorRow>(
      `select * from (
         select e.id, 'server' as kind, e.created_at as at, e.created_at::text as "cursorAt", e.org_id as "orgId",
                o.name as "orgName", e.request_id as reference, e.method || ' ' || e.path as "where", e.status,
                e.error_name as "errorName", e.message, null::int as attempts
           from public.server_errors e left join public.organizations o on o.id = e.org_id
          where ($1::text is null or $1 = 'server')
            and ($2::uuid is null or e.org_id = $2)
            and ($3::text is null or e.request_id = $4 or e.org_id::text = $4 or e.path ilike $5
                 or e.message ilike $5 or o.name ilike $5)
         union all
         select f.id, 'job', f.failed_at, f.failed_at::text, f.org_id, o.name, f.job_id, f.queue, null,
                null, f.error, f.attempts
           from public.job_failures f join public.organizations o on o.id = f.org_id
          where ($1::text is null or $1 = 'job')
            and ($2::uuid is null or f.org_id = $2)
            and ($3::text is null or f.job_id = $4 or f.org_id::text = $4 or f.queue ilike $5
                 or f.error ilike $5 or o.name ilike $5)
       ) errors
       where ($6::timestamptz is null or (at, id) < ($6::timestamptz, $7::uuid))
       order by at desc, id desc
       limit $8`,
      [
        query.kind ?? null,
        query.org ?? null,
        q,
        exact,
        containing(q ?? ""),
        before?.at ?? null,
        before?.id ?? null,
        query.limit + 1,
      ],
    );
    return paged(rows, query.limit);
  });
}

// ---------------------------------------------------------------------------------------
// Queue health

export type QueueHealthReport = { webhooks: InboundHealth[]; jobs: QueueHealth[]; checkedAt: Date };

export async function getQueueHealth(admin: PlatformAdmin): Promise<QueueHealthReport> {
  logRead(admin, "queues");
  // Not in one transaction: pg-boss reads through its own connection (on PGlite, the same one).
  const webhooks = await withService(inboundHealth);
  return { webhooks, jobs: await queueHealth(), checkedAt: new Date() };
}
