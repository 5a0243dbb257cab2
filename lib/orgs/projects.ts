import "server-only";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { conflict, notFound } from "@/lib/http/errors";

export type Project = { id: string; name: string; description: string; archivedAt: Date | null; createdAt: Date };

const COLUMNS = `id, name, description, archived_at as "archivedAt", created_at as "createdAt"`;

export async function listProjects(
  tx: Tx,
  orgId: string,
  opts: { includeArchived?: boolean } = {},
): Promise<Project[]> {
  const { rows } = await tx.query<Project>(
    `select ${COLUMNS} from public.projects where org_id = $1 and ($2 or archived_at is null)
      order by archived_at is not null, lower(name)`,
    [orgId, opts.includeArchived ?? false],
  );
  return rows;
}

const duplicateName = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === "23505" &&
  (error as { constraint?: string }).constraint === "projects_name_per_org";

export async function createProject(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: { name: string; description: string },
): Promise<Project> {
  try {
    const { rows } = await tx.query<Project>(
      `insert into public.projects (org_id, name, description, created_by) values ($1, $2, $3, $4) returning ${COLUMNS}`,
      [orgId, input.name, input.description, actorId],
    );
    const project = rows[0]!;
    await recordAudit(tx, {
      orgId,
      actorId,
      action: "project.created",
      targetType: "project",
      targetId: project.id,
      metadata: { name: input.name },
    });
    return project;
  } catch (error) {
    if (duplicateName(error)) throw conflict("projectNameTaken", { name: ["projectNameTaken"] });
    throw error;
  }
}

export async function updateProject(
  tx: Tx,
  actorId: string,
  orgId: string,
  projectId: string,
  changes: { name?: string; description?: string; archived?: boolean },
): Promise<Project> {
  try {
    const { rows } = await tx.query<Project>(
      `update public.projects set
          name = coalesce($3, name),
          description = coalesce($4, description),
          archived_at = case when $5::boolean is null then archived_at when $5 then coalesce(archived_at, now()) else null end
        where id = $1 and org_id = $2 returning ${COLUMNS}`,
      [projectId, orgId, changes.name ?? null, changes.description ?? null, changes.archived ?? null],
    );
    if (!rows[0]) throw notFound("projectNotFound");
    const action =
      changes.archived === true
        ? "project.archived"
        : changes.archived === false
          ? "project.restored"
          : "project.updated";
    await recordAudit(tx, {
      orgId,
      actorId,
      action,
      targetType: "project",
      targetId: projectId,
      metadata: { name: rows[0].name },
    });
    return rows[0];
  } catch (error) {
    if (duplicateName(error)) throw conflict("projectNameTaken", { name: ["projectNameTaken"] });
    throw error;
  }
}
