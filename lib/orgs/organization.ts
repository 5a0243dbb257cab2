import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/http/errors";
import type { UpdateOrganizationInput } from "./schema";

/** Creates an organization owned by the user acting in `tx`. */
export async function createOrganization(tx: Tx, actorId: string, name: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>("select private.create_organization($1) as id", [name]);
  const orgId = rows[0]!.id;
  await recordAudit(tx, { orgId, actorId, action: "organization.created", targetType: "organization", targetId: orgId, metadata: { name } });
  return orgId;
}

/** Name and settings in one statement; the audit row says what changed. */
export async function updateOrganization(tx: Tx, actorId: string, orgId: string, input: UpdateOrganizationInput): Promise<OrganizationSummary> {
  const settings: Record<string, unknown> = {};
  if (input.repsSeeOwnLeadsOnly !== undefined) settings.reps_see_own_leads_only = input.repsSeeOwnLeadsOnly;
  if (input.defaultCountry !== undefined) settings.default_country = input.defaultCountry;
  const { rows } = await tx.query<{ previous_name: string; previous_settings: Record<string, unknown> }>(
    `update public.organizations o set name = coalesce($2, o.name), settings = o.settings || $3::jsonb
       from (select name as previous_name, settings as previous_settings from public.organizations where id = $1) old
      where o.id = $1 returning old.previous_name, old.previous_settings`,
    [orgId, input.name ?? null, settings],
  );
  if (!rows[0]) throw notFound("Organization not found.");
  if (input.name !== undefined && input.name !== rows[0].previous_name) {
    await recordAudit(tx, { orgId, actorId, action: "organization.renamed", targetType: "organization", targetId: orgId, metadata: { from: rows[0].previous_name, to: input.name } });
  }
  const changed = Object.fromEntries(Object.entries(settings).filter(([key, value]) => rows[0]!.previous_settings[key] !== value));
  if (Object.keys(changed).length) {
    await recordAudit(tx, { orgId, actorId, action: "organization.settings_changed", targetType: "organization", targetId: orgId, metadata: changed });
  }
  return (await getOrganizationSummary(tx, orgId))!;
}

export type OrganizationSummary = {
  id: string;
  name: string;
  members: number;
  projects: number;
  createdAt: Date;
  repsSeeOwnLeadsOnly: boolean;
  defaultCountry: string | null;
};

export async function getOrganizationSummary(tx: Tx, orgId: string): Promise<OrganizationSummary | null> {
  const { rows } = await tx.query<OrganizationSummary>(
    `select o.id, o.name, o.created_at as "createdAt",
            coalesce((o.settings ->> 'reps_see_own_leads_only')::boolean, false) as "repsSeeOwnLeadsOnly",
            o.settings ->> 'default_country' as "defaultCountry",
            (select count(*) from public.memberships m where m.org_id = o.id) as members,
            (select count(*) from public.projects p where p.org_id = o.id and p.archived_at is null) as projects
       from public.organizations o where o.id = $1`,
    [orgId],
  );
  return rows[0] ?? null;
}
