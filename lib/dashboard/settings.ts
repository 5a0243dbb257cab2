import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { WIDGETS } from "@/lib/analytics/types";
import {
  DEFAULT_PREFERENCES,
  DEFAULT_VISIBILITY,
  layoutItemSchema,
  preferencesSchema,
  type DashboardSettings,
  type DashboardSettingsInput,
  type LayoutItem,
} from "./schema";

type Row = {
  project_id: string | null;
  widget_visibility: Record<string, unknown>;
  widget_layout: unknown[];
  dashboard_preferences: Record<string, unknown>;
  updated_at: Date;
};

const COLUMNS = "project_id, widget_visibility, widget_layout, dashboard_preferences, updated_at";

/**
 * A stored row read leniently: what no longer fits the schema (a widget since removed, a
 * refresh interval no longer offered) falls back to its default instead of breaking the page.
 */
function fromRow(row: Row | undefined, projectId: string | null): DashboardSettings {
  if (!row) {
    return {
      projectId,
      source: "default",
      visibility: { ...DEFAULT_VISIBILITY },
      layout: [],
      preferences: { ...DEFAULT_PREFERENCES },
      updatedAt: null,
    };
  }
  const layout: LayoutItem[] = [];
  for (const item of row.widget_layout) {
    const parsed = layoutItemSchema.safeParse(item);
    if (parsed.success && !layout.some((other) => other.i === parsed.data.i)) layout.push(parsed.data);
  }
  const visibility = { ...DEFAULT_VISIBILITY };
  for (const widget of WIDGETS)
    if (typeof row.widget_visibility[widget] === "boolean") visibility[widget] = row.widget_visibility[widget];
  const preferences = { ...DEFAULT_PREFERENCES };
  for (const key of Object.keys(preferencesSchema.shape) as (keyof typeof preferences)[]) {
    const parsed = preferencesSchema.shape[key].safeParse(row.dashboard_preferences[key]);
    if (parsed.success) Object.assign(preferences, { [key]: parsed.data });
  }
  return {
    projectId,
    source: row.project_id ? "project" : "allProjects",
    visibility,
    layout,
    preferences,
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The signed-in user's dashboard for `projectId` (null: all projects) in `orgId`: the project's
 * own row, else their "all projects" row, else the built-in default. RLS shows only the user's
 * own rows in organizations they belong to, so another user's id can never be asked for.
 */
export async function getDashboardSettings(
  tx: Tx,
  orgId: string,
  projectId: string | null,
): Promise<DashboardSettings> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.user_dashboard_settings
      where user_id = (select auth.uid()) and org_id = $1 and (project_id = $2 or project_id is null)
      order by project_id nulls last limit 1`,
    [orgId, projectId],
  );
  return fromRow(rows[0], projectId);
}

/**
 * Every dashboard the signed-in user arranged in `orgId` (their own rows: "all projects" first,
 * then each project that has its own), for the settings export. Scopes never arranged are left
 * out: they show what they inherit.
 */
export async function listDashboardSettings(tx: Tx, orgId: string): Promise<DashboardSettings[]> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.user_dashboard_settings
      where user_id = (select auth.uid()) and org_id = $1
      order by project_id nulls first, created_at`,
    [orgId],
  );
  return rows.map((row) => fromRow(row, row.project_id));
}

const isProjectMissing = (error: unknown) =>
  (error as { code?: string }).code === "23503" &&
  (error as { constraint?: string }).constraint === "user_dashboard_settings_project_fkey";

/**
 * Saves the parts given for this scope; the parts left out keep what the scope shows now, so a
 * project saved for the first time keeps the layout it inherited from "all projects".
 */
export async function saveDashboardSettings(
  tx: Tx,
  orgId: string,
  projectId: string | null,
  input: DashboardSettingsInput,
): Promise<DashboardSettings> {
  const current = await getDashboardSettings(tx, orgId, projectId);
  const next = {
    layout: input.layout ?? current.layout,
    visibility: { ...current.visibility, ...input.visibility },
    preferences: { ...current.preferences, ...input.preferences },
  };
  try {
    const { rows } = await tx.query<Row>(
      `insert into public.user_dashboard_settings (user_id, org_id, project_id, widget_layout, widget_visibility, dashboard_preferences)
       values ((select auth.uid()), $1, $2, $3::jsonb, $4::jsonb, $5::jsonb)
       on conflict (user_id, org_id, project_id) do update set
         widget_layout = excluded.widget_layout, widget_visibility = excluded.widget_visibility,
         dashboard_preferences = excluded.dashboard_preferences
       returning ${COLUMNS}`,
      [
        orgId,
        projectId,
        JSON.stringify(next.layout),
        JSON.stringify(next.visibility),
        JSON.stringify(next.preferences),
      ],
    );
    return fromRow(rows[0], projectId);
  } catch (error) {
    if (isProjectMissing(error)) throw notFound("projectNotFound");
    throw error;
  }
}

/**
 * Forgets this scope's own arrangement: a project goes back to the user's "all projects"
 * dashboard, "all projects" back to the built-in default. Answers what the scope shows now.
 */
export async function resetDashboardSettings(
  tx: Tx,
  orgId: string,
  projectId: string | null,
): Promise<DashboardSettings> {
  await tx.query(
    `delete from public.user_dashboard_settings
      where user_id = (select auth.uid()) and org_id = $1 and project_id is not distinct from $2`,
    [orgId, projectId],
  );
  return getDashboardSettings(tx, orgId, projectId);
}
