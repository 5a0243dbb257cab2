import "server-only";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { notFound } from "@/lib/http/errors";

export type Member = { userId: string; email: string; fullName: string; role: Role; joinedAt: Date };

/**
 * Adds a user to an organization directly, as the service role (the demo seed and platform
 * tooling); people join through invitations (private.accept_invitation).
 */
export async function addMember(tx: Tx, orgId: string, userId: string, role: Role): Promise<void> {
  await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)", [orgId, userId, role]);
}

export async function listMembers(tx: Tx, orgId: string): Promise<Member[]> {
  const { rows } = await tx.query<Member>(
    `select m.user_id as "userId", p.email, p.full_name as "fullName", m.role, m.created_at as "joinedAt"
       from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1
      order by private.role_rank(m.role) desc, lower(p.full_name), p.email`,
    [orgId],
  );
  return rows;
}

/** The database refuses to demote the last owner and lets only owners touch the owner role. */
export async function changeRole(tx: Tx, actorId: string, orgId: string, userId: string, role: Role): Promise<void> {
  const { rows } = await tx.query<{ previous: Role }>(
    `update public.memberships m set role = $3
       from (select role as previous from public.memberships where org_id = $1 and user_id = $2) old
      where m.org_id = $1 and m.user_id = $2
      returning old.previous`,
    [orgId, userId, role],
  );
  if (!rows[0]) throw notFound("notAMember");
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "member.role_changed",
    targetType: "user",
    targetId: userId,
    metadata: { from: rows[0].previous, to: role },
  });
}

export async function removeMember(tx: Tx, actorId: string, orgId: string, userId: string): Promise<void> {
  const { rows } = await tx.query<{ role: Role }>(
    "select role from public.memberships where org_id = $1 and user_id = $2",
    [orgId, userId],
  );
  if (!rows[0]) throw notFound("notAMember");
  // Audited first: someone leaving is no longer a member once the row is gone, and the
  // audit policy only accepts rows from members. Same transaction, so both or neither.
  const action = actorId === userId ? "member.left" : "member.removed";
  await recordAudit(tx, {
    orgId,
    actorId,
    action,
    targetType: "user",
    targetId: userId,
    metadata: { role: rows[0].role },
  });
  const deleted = await tx.query("delete from public.memberships where org_id = $1 and user_id = $2", [orgId, userId]);
  if (deleted.rowCount !== 1) throw notFound("notAMember");
}
