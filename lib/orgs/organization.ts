import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/http/errors";

/** Creates an organization owned by the user acting in `tx`. */
export async function createOrganization(tx: Tx, actorId: string, name: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>("select private.create_organization($1) as id", [name]);
  const orgId = rows[0]!.id;
  await recordAudit(tx, { orgId, actorId, action: "organization.created", targetType: "organization", targetId: orgId, metadata: { name } });
  return orgId;
}

export async function renameOrganization(tx: Tx, actorId: string, orgId: string, name: string): Promise<void> {
  const { rows } = await tx.query<{ previous: string }>(
    `update public.organizations o set name = $2 from (select name as previous from public.organizations where id = $1) old
      where o.id = $1 returning old.previous`,
    [orgId, name],
  );
  if (!rows[0]) throw notFound("Organization not found.");
  await recordAudit(tx, { orgId, actorId, action: "organization.renamed", targetType: "organization", targetId: orgId, metadata: { from: rows[0].previous, to: name } });
}

export type OrganizationSummary = { id: string; name: string; members: number; projects: number; createdAt: Date };

export async function getOrganizationSummary(tx: Tx, orgId: string): Promise<OrganizationSummary | null> {
  const { rows } = await tx.query<OrganizationSummary>(
    `select o.id, o.name, o.created_at as "createdAt",
            (select count(*) from public.memberships m where m.org_id = o.id) as members,
            (select count(*) from public.projects p where p.org_id = o.id and p.archived_at is null) as projects
       from public.organizations o where o.id = $1`,
    [orgId],
  );
  return rows[0] ?? null;
}
