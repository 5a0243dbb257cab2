import "server-only";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { conflict, invalid, notFound, type FieldErrors } from "@/lib/http/errors";
import { getOrganizationSettings } from "@/lib/orgs/settings";
import type { Signal } from "@/lib/scoring";
import { normalizePhone } from "./phone";
import type { BantPatch, BulkUpdateInput, CreateLeadInput, UpdateLeadInput } from "./schema";
import { insertLeadEvent, insertLeadEvents, insertStatusChange } from "./events";
import { applySignals } from "./signals";
import type { Actor } from "./types";

type UserActor = Extract<Actor, { type: "user" }>;

/** Phone as typed → E.164, or a field error. */
async function phoneFor(tx: Tx, orgId: string, phone: string | null | undefined): Promise<string | null | undefined> {
  if (phone === undefined || phone === null) return phone;
  const normalized = normalizePhone(phone, (await getOrganizationSettings(tx, orgId)).defaultCountry);
  if (!normalized) throw invalid({ phone: ["phoneWithCountryCode"] });
  return normalized;
}

/**
 * A project of another organization and one that does not exist get the same answer (the
 * database's foreign key holds a lead's project to the lead's organization), so the answer
 * never tells whether someone else's project id exists.
 */
function projectError(error: unknown, field: string): void {
  const e = error as { code?: string; constraint?: string };
  if (e.code === "23503" && e.constraint === "leads_project_in_org_fkey") {
    throw invalid({ [field]: ["noSuchProjectHere"] });
  }
}

/** Unique violations on email/phone become 409s that say which lead already has it; a foreign project a 422. */
function writeError(error: unknown): never {
  projectError(error, "projectId");
  const constraint =
    (error as { code?: string; constraint?: string }).code === "23505"
      ? (error as { constraint?: string }).constraint
      : undefined;
  if (constraint === "leads_org_email_key" || constraint === "leads_org_phone_key") {
    const field = constraint === "leads_org_email_key" ? "email" : "phone";
    const errors: FieldErrors = { [field]: [field === "email" ? "leadEmailTaken" : "leadPhoneTaken"] };
    throw conflict({ key: "duplicateLeadField", values: { field } }, errors);
  }
  throw error;
}

export async function createLead(tx: Tx, actor: UserActor, orgId: string, input: CreateLeadInput): Promise<string> {
  const phone = await phoneFor(tx, orgId, input.phone);
  let id: string;
  try {
    await tx.query("savepoint create_lead");
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.leads (org_id, project_id, owner_id, name, email, phone, company, title, source, status, tags, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [
        orgId,
        input.projectId ?? null,
        input.ownerId ?? null,
        input.name,
        input.email ?? null,
        phone ?? null,
        input.company ?? null,
        input.title ?? null,
        input.source ?? "manual",
        input.status ?? "new",
        input.tags ?? [],
        actor.id,
      ],
    );
    id = rows[0]!.id;
  } catch (error) {
    await tx.query("rollback to savepoint create_lead");
    writeError(error);
  }
  await insertLeadEvent(tx, {
    orgId,
    leadId: id,
    type: "created",
    actor,
    reasonKey: "created_by",
    reasonParams: { name: actor.name },
    data: { source: input.source ?? "manual" },
  });
  return id;
}

const FIELD_COLUMNS = {
  name: "name",
  email: "email",
  phone: "phone",
  company: "company",
  title: "title",
  status: "status",
  tags: "tags",
  projectId: "project_id",
  ownerId: "owner_id",
} as const;

export async function updateLead(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  input: UpdateLeadInput,
): Promise<void> {
  const { rows } = await tx.query<Record<string, unknown>>(
    "select name, email, phone, company, title, status, tags, project_id, owner_id from public.leads where id = $1 and org_id = $2 and deleted_at is null for update",
    [leadId, orgId],
  );
  const before = rows[0];
  if (!before) throw notFound("leadNotFound");
  const values: Record<string, unknown> = { ...input };
  if (input.phone !== undefined) values.phone = await phoneFor(tx, orgId, input.phone);

  const sets: string[] = [];
  const params: unknown[] = [leadId, orgId];
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, column] of Object.entries(FIELD_COLUMNS)) {
    const value = values[key];
    if (value === undefined) continue;
    if (JSON.stringify(before[column]) === JSON.stringify(value)) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
    changed[key] = { from: before[column], to: value };
  }
  if (!sets.length) return;
  try {
    await tx.query("savepoint update_lead");
    await tx.query(`update public.leads set ${sets.join(", ")} where id = $1 and org_id = $2`, params);
  } catch (error) {
    await tx.query("rollback to savepoint update_lead");
    writeError(error);
  }
  const { status, ownerId, ...rest } = changed;
  if (status) await insertStatusChange(tx, { orgId, leadId, actor, from: String(status.from), to: String(status.to) });
  if (ownerId) {
    await insertLeadEvent(tx, {
      orgId,
      leadId,
      type: "owner_changed",
      actor,
      reasonKey: ownerId.to ? "reassigned" : "unassigned",
      data: ownerId,
    });
  }
  if (Object.keys(rest).length) {
    await insertLeadEvent(tx, {
      orgId,
      leadId,
      type: "updated",
      actor,
      reasonKey: "fields_updated",
      reasonParams: { fields: Object.keys(rest) },
      data: rest,
    });
  }
}

/** Manual BANT edits go through the scoring engine like any other evidence. */
export async function setBant(tx: Tx, actor: UserActor, orgId: string, leadId: string, patch: BantPatch) {
  const at = new Date().toISOString();
  const signals: Signal[] = [];
  for (const dimension of ["budget", "authority", "need", "timeline"] as const) {
    const change = patch[dimension];
    if (!change) continue;
    signals.push({
      type: "bant_update",
      at,
      dimension,
      status: change.status,
      value: change.value,
      evidence: {
        kind: "user",
        ref: actor.id,
        by: `set by ${actor.name}`,
        ...(change.evidence ? { text: change.evidence } : {}),
      },
    } as Signal);
  }
  return applySignals(tx, { orgId, leadId, signals, actor });
}

export async function overrideHeat(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  input: { level: "cold" | "warm" | "hot" | "burning" | null; reason: string; expiresAt?: Date | null },
) {
  const at = new Date().toISOString();
  const signal = (
    input.level
      ? {
          type: "heat_override",
          level: input.level,
          reason: input.reason,
          by: actor.name,
          at,
          expiresAt: input.expiresAt?.toISOString() ?? null,
        }
      : { type: "heat_override_cleared", by: actor.name, at }
  ) as Signal;
  return applySignals(tx, { orgId, leadId, signals: [signal], actor });
}

export async function addNote(tx: Tx, actor: UserActor, orgId: string, leadId: string, text: string): Promise<void> {
  const { rows } = await tx.query("select 1 from public.leads where id = $1 and org_id = $2 and deleted_at is null", [
    leadId,
    orgId,
  ]);
  if (!rows.length) throw notFound("leadNotFound");
  await insertLeadEvent(tx, { orgId, leadId, type: "note", actor, reason: text });
  await tx.query("update public.leads set last_activity_at = now() where id = $1", [leadId]);
}

/** Soft delete (managers and above, enforced by the database); restorable for 30 days. */
export async function setDeleted(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  leadId: string,
  deleted: boolean,
): Promise<void> {
  const { rows } = await tx.query<{ name: string }>(
    `update public.leads set deleted_at = case when $3 then now() else null end, deleted_by = case when $3 then $4::uuid else null end
      where id = $1 and org_id = $2 and (deleted_at is null) = $3
        and ($3 or deleted_at > now() - interval '30 days')
      returning name`,
    [leadId, orgId, deleted, actor.id],
  );
  if (!rows[0]) throw notFound(deleted ? "leadNotFound" : "deletedLeadNotFound");
  await insertLeadEvent(tx, {
    orgId,
    leadId,
    type: deleted ? "deleted" : "restored",
    actor,
    reasonKey: deleted ? "deleted_by" : "restored_by",
    reasonParams: { name: actor.name },
  });
  await recordAudit(tx, {
    orgId,
    actorId: actor.id,
    action: deleted ? "lead.deleted" : "lead.restored",
    targetType: "lead",
    targetId: leadId,
    metadata: { name: rows[0].name },
  });
}

/** Leads soft-deleted longer ago than the restore window, deleted for good (the daily prune, as the service role). */
export async function purgeDeletedLeads(tx: Tx): Promise<number> {
  return (await tx.query("delete from public.leads where deleted_at < now() - interval '30 days'")).rowCount;
}

/**
 * Up to 1,000 leads in one transaction: every id must be a live lead the user can see,
 * or nothing changes. Returns how many leads changed.
 */
export async function bulkUpdate(tx: Tx, actor: UserActor, orgId: string, input: BulkUpdateInput): Promise<number> {
  const ids = [...new Set(input.ids)];
  const { rows } = await tx.query<{ id: string }>(
    "select id from public.leads where org_id = $1 and id = any($2::uuid[]) and deleted_at is null for update",
    [orgId, ids],
  );
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id)).slice(0, 10);
    throw invalid({
      ids: [
        `${ids.length - rows.length} of the selected leads do not exist or are not visible to you: ${missing.join(", ")}`,
      ],
    });
  }
  const { changes } = input;
  const sets: string[] = [];
  const params: unknown[] = [orgId, ids];
  const set = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    sets.push(sql(`$${params.length}`));
  };
  if (changes.ownerId !== undefined) set((p) => `owner_id = ${p}::uuid`, changes.ownerId);
  if (changes.status !== undefined) set((p) => `status = ${p}`, changes.status);
  if (changes.projectId !== undefined) set((p) => `project_id = ${p}::uuid`, changes.projectId);
  if (changes.addTags?.length || changes.removeTags?.length) {
    params.push(changes.addTags ?? [], changes.removeTags ?? []);
    const add = `$${params.length - 1}::text[]`;
    const remove = `$${params.length}::text[]`;
    sets.push(
      `tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(tags || ${add}) t where t <> all(${remove}))`,
    );
  }
  const { rowCount } = await tx
    .query(`update public.leads set ${sets.join(", ")} where org_id = $1 and id = any($2::uuid[])`, params)
    .catch((error: unknown) => {
      projectError(error, "changes.projectId");
      throw error;
    });
  const fields = Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  const type =
    changes.ownerId !== undefined ? "owner_changed" : changes.status !== undefined ? "status_changed" : "updated";
  await insertLeadEvents(
    tx,
    ids.map((leadId) => ({
      orgId,
      leadId,
      type,
      actor,
      reasonKey: "bulk_update",
      reasonParams: { fields },
      data: changes,
    })),
  );
  return rowCount;
}
