import "server-only";
import type { Tx } from "@/lib/db";
import type { Keyset } from "@/lib/http/cursor";

export type AuditEntry = {
  orgId: string;
  actorId: string | null;
  action: string; // "<noun>.<verb>", e.g. member.role_changed
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>; // never secrets, tokens or message bodies
};

/**
 * Records an action in the same transaction as the action itself, so neither exists without the other.
 * Members cannot write audit_log themselves (not even through Supabase's Data API with their own
 * token): private.record_audit writes it, as the member acting in their organization, or as the
 * service role.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.query("select private.record_audit($1, $2, $3, $4, $5, $6)", [
    entry.orgId,
    entry.actorId,
    entry.action,
    entry.targetType ?? null,
    entry.targetId ?? null,
    entry.metadata ?? {},
  ]);
}

export type AuditRow = {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
  /** created_at at full precision, for keyset cursors. */
  cursorAt: string;
};

/** Newest first; keyset-paginated on (created_at, id). */
export async function listAudit(tx: Tx, orgId: string, opts: { before?: Keyset; limit: number }): Promise<AuditRow[]> {
  const { rows } = await tx.query<AuditRow>(
    `select a.id, a.action, a.actor_id as "actorId", p.full_name as "actorName", p.email as "actorEmail",
            a.target_type as "targetType", a.target_id as "targetId", a.metadata, a.created_at as "createdAt",
            a.created_at::text as "cursorAt"
       from public.audit_log a left join public.profiles p on p.id = a.actor_id
      where a.org_id = $1 and ($2::timestamptz is null or (a.created_at, a.id) < ($2::timestamptz, $3::uuid))
      order by a.created_at desc, a.id desc
      limit $4`,
    [orgId, opts.before?.at ?? null, opts.before?.id ?? null, opts.limit],
  );
  return rows;
}

export type PlatformAuditEntry = {
  /** The platform admin who acted; null when the operator acted at the shell (the CLI). */
  actorId: string | null;
  actorEmail: string | null;
  action: string; // "<noun>.<verb>", e.g. user.sign_in_disabled
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>; // never secrets or tokens
};

/**
 * Records a platform admin's action (public.platform_audit_log), in the same transaction as
 * the action. Service role only: these actions span organizations, and no tenant reads them.
 */
export async function recordPlatformAudit(tx: Tx, entry: PlatformAuditEntry): Promise<void> {
  await tx.query(
    `insert into public.platform_audit_log (actor_id, actor_email, action, target_type, target_id, metadata)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actorId,
      entry.actorEmail,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.metadata ?? {},
    ],
  );
}

export type PlatformAuditRow = {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

/** The newest platform actions about one target (the Users page shows who disabled whom). */
export async function listPlatformAudit(
  tx: Tx,
  opts: { targetType: string; targetId: string; limit: number },
): Promise<PlatformAuditRow[]> {
  const { rows } = await tx.query<PlatformAuditRow>(
    `select id, actor_id as "actorId", actor_email as "actorEmail", action, target_type as "targetType",
            target_id as "targetId", metadata, created_at as "createdAt"
       from public.platform_audit_log where target_type = $1 and target_id = $2
      order by created_at desc, id desc limit $3`,
    [opts.targetType, opts.targetId, opts.limit],
  );
  return rows;
}
