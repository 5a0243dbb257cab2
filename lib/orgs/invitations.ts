import "server-only";
import type { Tx } from "@/lib/db";
import { withAnon } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { hashToken, newLinkToken } from "@/lib/auth/tokens";
import { conflict, notFound } from "@/lib/http/errors";

export const INVITATION_TTL_DAYS = 7;

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  invitedByName: string | null;
  expiresAt: Date;
  createdAt: Date;
  status: "pending" | "accepted" | "revoked" | "expired";
};

export async function listInvitations(tx: Tx, orgId: string): Promise<Invitation[]> {
  const { rows } = await tx.query<Invitation>(
    `select i.id, i.email, i.role, p.full_name as "invitedByName", i.expires_at as "expiresAt", i.created_at as "createdAt",
            case when i.accepted_at is not null then 'accepted' when i.revoked_at is not null then 'revoked'
                 when i.expires_at <= now() then 'expired' else 'pending' end as status
       from public.invitations i left join public.profiles p on p.id = i.invited_by
      where i.org_id = $1 and i.accepted_at is null and i.revoked_at is null
      order by i.created_at desc`,
    [orgId],
  );
  return rows;
}

/**
 * Inviting an address that already has an open invitation replaces it (the old link
 * stops working). Returns the raw token: it exists only in the link.
 */
export async function createInvitation(
  tx: Tx,
  actorId: string,
  orgId: string,
  email: string,
  role: Role,
): Promise<{ id: string; token: string }> {
  const member = await tx.query(
    `select 1 from public.memberships m join public.profiles p on p.id = m.user_id where m.org_id = $1 and p.email = $2`,
    [orgId, email],
  );
  if (member.rows.length)
    throw conflict({ key: "alreadyMember", values: { email } }, { email: ["personAlreadyMember"] });
  await tx.query(
    "update public.invitations set revoked_at = now() where org_id = $1 and email = $2 and accepted_at is null and revoked_at is null",
    [orgId, email],
  );
  const token = newLinkToken();
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) returning id`,
    [orgId, email, role, hashToken(token), actorId, INVITATION_TTL_DAYS],
  );
  const id = rows[0]!.id;
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "invitation.created",
    targetType: "invitation",
    targetId: id,
    metadata: { email, role },
  });
  return { id, token };
}

export async function revokeInvitation(tx: Tx, actorId: string, orgId: string, invitationId: string): Promise<void> {
  const { rows } = await tx.query<{ email: string }>(
    `update public.invitations set revoked_at = now()
      where id = $1 and org_id = $2 and accepted_at is null and revoked_at is null returning email`,
    [invitationId, orgId],
  );
  if (!rows[0]) throw notFound("invitationNotFound");
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "invitation.revoked",
    targetType: "invitation",
    targetId: invitationId,
    metadata: { email: rows[0].email },
  });
}

/** Accepts as the signed-in user of `tx`; the database checks token, expiry, reuse and email. */
export async function acceptInvitation(tx: Tx, userId: string, token: string): Promise<string> {
  const { rows } = await tx.query<{ org_id: string }>("select private.accept_invitation($1) as org_id", [token]);
  const orgId = rows[0]!.org_id;
  await recordAudit(tx, {
    orgId,
    actorId: userId,
    action: "invitation.accepted",
    targetType: "user",
    targetId: userId,
  });
  return orgId;
}

export type InvitationPreview = { orgName: string; email: string; role: Role; status: Invitation["status"] };

/** What the accept page may show to anyone holding the link. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  const { rows } = await withAnon((tx) =>
    tx.query<InvitationPreview>(
      `select org_name as "orgName", email, role, status from private.invitation_preview($1)`,
      [token],
    ),
  );
  return rows[0] ?? null;
}

export const invitationLink = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, "")}/invite/${token}`;
