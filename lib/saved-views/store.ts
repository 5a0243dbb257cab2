import "server-only";
import type { Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/http/errors";
import { readContext } from "@/lib/session-state/schema";
import {
  MAX_SAVED_VIEWS,
  type CreateSavedViewInput,
  type SavedView,
  type SavedViewKind,
  type UpdateSavedViewInput,
} from "./schema";

/**
 * `public.user_saved_views`: the signed-in user's named views of a list, per organization. RLS
 * shows only the user's own rows in organizations they belong to, so every function here acts
 * on the caller's views and another user's id can never be named.
 */

type Row = { id: string; name: string; kind: SavedViewKind; definition: unknown; created_at: Date; updated_at: Date };
const COLUMNS = "id, name, kind, definition, created_at, updated_at";

/** A stored definition read leniently: a filter or sort no longer offered is dropped, not an error. */
const toView = (row: Row): SavedView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  definition: readContext({ leads: row.definition }).leads ?? { filters: {}, sort: null, columns: null },
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** A `problems` key, as the detail and as the `name` field's error. */
const NAME_TAKEN = "savedViewNameTaken";
const isNameTaken = (error: unknown) =>
  (error as { code?: string }).code === "23505" &&
  (error as { constraint?: string }).constraint === "user_saved_views_name_per_list";

async function guardName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isNameTaken(error)) throw conflict(NAME_TAKEN, { name: [NAME_TAKEN] });
    throw error;
  }
}

/** The user's views in `orgId` (all lists), by name. */
export async function listSavedViews(tx: Tx, orgId: string): Promise<SavedView[]> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.user_saved_views
      where user_id = (select auth.uid()) and org_id = $1 order by kind, lower(name), id`,
    [orgId],
  );
  return rows.map(toView);
}

export async function createSavedView(tx: Tx, orgId: string, input: CreateSavedViewInput): Promise<SavedView> {
  const { rows: count } = await tx.query<{ n: number }>(
    `select count(*)::int as n from public.user_saved_views
      where user_id = (select auth.uid()) and org_id = $1 and kind = $2`,
    [orgId, input.kind],
  );
  if ((count[0]?.n ?? 0) >= MAX_SAVED_VIEWS) {
    throw conflict({ key: "savedViewLimit", values: { max: MAX_SAVED_VIEWS } });
  }
  const { rows } = await guardName(() =>
    tx.query<Row>(
      `insert into public.user_saved_views (org_id, name, kind, definition) values ($1, $2, $3, $4::jsonb)
       returning ${COLUMNS}`,
      [orgId, input.name, input.kind, JSON.stringify(input.definition)],
    ),
  );
  return toView(rows[0]!);
}

/** Renames a view and/or replaces what it shows; 404 when it is not one of the caller's in `orgId`. */
export async function updateSavedView(
  tx: Tx,
  orgId: string,
  id: string,
  input: UpdateSavedViewInput,
): Promise<SavedView> {
  const { rows } = await guardName(() =>
    tx.query<Row>(
      `update public.user_saved_views
          set name = coalesce($3, name), definition = coalesce($4::jsonb, definition)
        where id = $1 and org_id = $2 and user_id = (select auth.uid())
        returning ${COLUMNS}`,
      [id, orgId, input.name ?? null, input.definition ? JSON.stringify(input.definition) : null],
    ),
  );
  if (!rows[0]) throw notFound("savedViewNotFound");
  return toView(rows[0]);
}

export async function deleteSavedView(tx: Tx, orgId: string, id: string): Promise<void> {
  const { rows } = await tx.query(
    `delete from public.user_saved_views where id = $1 and org_id = $2 and user_id = (select auth.uid()) returning id`,
    [id, orgId],
  );
  if (!rows[0]) throw notFound("savedViewNotFound");
}

/**
 * Makes the caller's views in `orgId` exactly `views` (the settings import): a view matched by
 * list and name (any case) keeps its id and takes the new definition only when it differs, the
 * rest are added, views not named are deleted. Importing the same set twice changes nothing.
 */
export async function replaceSavedViews(tx: Tx, orgId: string, views: CreateSavedViewInput[]): Promise<void> {
  const existing = await listSavedViews(tx, orgId);
  const keyOf = (view: { kind: string; name: string }) => `${view.kind}\u0000${view.name.toLowerCase()}`;
  const wanted = new Map(views.map((view) => [keyOf(view), view]));
  for (const view of existing) {
    if (!wanted.has(keyOf(view))) await deleteSavedView(tx, orgId, view.id);
  }
  for (const [key, view] of wanted) {
    const current = existing.find((other) => keyOf(other) === key);
    if (!current) await createSavedView(tx, orgId, view);
    else if (current.name !== view.name || JSON.stringify(current.definition) !== JSON.stringify(view.definition)) {
      await updateSavedView(tx, orgId, current.id, { name: view.name, definition: view.definition });
    }
  }
}
