import "server-only";
import type { PlanName } from "@/lib/agents/types";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/http/errors";
import type { UpdateOrganizationInput } from "./schema";
import { organizationSettingsPatch, parseOrganizationSettings, type OrganizationSettings } from "./settings";

/** Creates an organization owned by the user acting in `tx`. */
export async function createOrganization(tx: Tx, actorId: string, name: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>("select private.create_organization($1) as id", [name]);
  const orgId = rows[0]!.id;
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "organization.created",
    targetType: "organization",
    targetId: orgId,
    metadata: { name },
  });
  return orgId;
}

/** Name and settings in one statement; the audit row says what changed. */
export async function updateOrganization(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: UpdateOrganizationInput,
): Promise<OrganizationSummary> {
  const settings = organizationSettingsPatch({
    repsSeeOwnLeadsOnly: input.repsSeeOwnLeadsOnly,
    defaultCountry: input.defaultCountry,
  });
  const { rows } = await tx.query<{ previous_name: string; previous_settings: Record<string, unknown> }>(
    `update public.organizations o set name = coalesce($2, o.name), settings = o.settings || $3::jsonb
       from (select name as previous_name, settings as previous_settings from public.organizations where id = $1) old
      where o.id = $1 returning old.previous_name, old.previous_settings`,
    [orgId, input.name ?? null, settings],
  );
  if (!rows[0]) throw notFound("organizationNotFound");
  if (input.name !== undefined && input.name !== rows[0].previous_name) {
    await recordAudit(tx, {
      orgId,
      actorId,
      action: "organization.renamed",
      targetType: "organization",
      targetId: orgId,
      metadata: { from: rows[0].previous_name, to: input.name },
    });
  }
  const changed = Object.fromEntries(
    Object.entries(settings).filter(([key, value]) => rows[0]!.previous_settings[key] !== value),
  );
  if (Object.keys(changed).length) {
    await recordAudit(tx, {
      orgId,
      actorId,
      action: "organization.settings_changed",
      targetType: "organization",
      targetId: orgId,
      metadata: changed,
    });
  }
  return (await getOrganizationSummary(tx, orgId))!;
}

/** The organization's plan; no member may change it (billing and platform tooling, as the service role). */
export async function setOrganizationPlan(tx: Tx, orgId: string, plan: PlanName): Promise<void> {
  await tx.query("update public.organizations set plan = $2 where id = $1", [orgId, plan]);
}

/** Whether reps may approve AI drafts in threads they see; owners and admins only (the policy and column grants enforce it). */
export async function updateRepsCanApprove(
  tx: Tx,
  actorId: string,
  orgId: string,
  repsCanApprove: boolean,
): Promise<void> {
  await tx.query("update public.organizations set reps_can_approve = $2 where id = $1", [orgId, repsCanApprove]);
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "organization.reps_can_approve_changed",
    targetType: "organization",
    targetId: orgId,
    metadata: { repsCanApprove },
  });
}

export type OrganizationSummary = OrganizationSettings & {
  id: string;
  name: string;
  members: number;
  projects: number;
  createdAt: Date;
};

export async function getOrganizationSummary(tx: Tx, orgId: string): Promise<OrganizationSummary | null> {
  const { rows } = await tx.query<Omit<OrganizationSummary, keyof OrganizationSettings> & { settings: unknown }>(
    `select o.id, o.name, o.created_at as "createdAt", o.settings,
            (select count(*) from public.memberships m where m.org_id = o.id) as members,
            (select count(*) from public.projects p where p.org_id = o.id and p.archived_at is null) as projects
       from public.organizations o where o.id = $1`,
    [orgId],
  );
  if (!rows[0]) return null;
  const { settings, ...summary } = rows[0];
  return { ...summary, ...parseOrganizationSettings(settings) };
}

export type OwnOrganization = { id: string; name: string; plan: string; createdAt: Date; members: number };

/** The organizations the user acting in `tx` belongs to (RLS shows no others), by name. */
export async function listOwnOrganizations(tx: Tx): Promise<OwnOrganization[]> {
  const { rows } = await tx.query<OwnOrganization>(
    `select o.id, o.name, o.plan, o.created_at as "createdAt",
            (select count(*)::int from public.memberships m where m.org_id = o.id) as members
       from public.organizations o
      where o.id in (select m.org_id from public.memberships m where m.user_id = (select auth.uid()))
      order by o.name, o.id`,
  );
  return rows;
}
