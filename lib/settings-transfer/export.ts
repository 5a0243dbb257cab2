import "server-only";
import type { Tx } from "@/lib/db";
import { listDashboardSettings } from "@/lib/dashboard/settings";
import { getSettings } from "@/lib/notifications/settings";
import { listProjects } from "@/lib/orgs/projects";
import { inOrganization } from "@/lib/preferences/org-references";
import { getPreferences } from "@/lib/preferences/store";
import { listSavedViews } from "@/lib/saved-views/store";
import type { SettingsDocument } from "./schema";
import { SETTINGS_KIND, SETTINGS_VERSION } from "./sections";

export type ExportContext = { userId: string; email: string; orgId: string };

/**
 * The signed-in user's settings as one document, each section read through its owning module
 * under RLS (so only the user's own rows, in the current organization, can appear). Built field
 * by field from those modules' typed answers rather than copied from rows, so nothing else
 * (an id of another user, a token from an integration) can slip in.
 */
export async function exportSettings(tx: Tx, ctx: ExportContext, now = new Date()): Promise<SettingsDocument> {
  // One after another: the statements share one transaction's connection.
  // As they apply here: a WhatsApp number that is no longer this organization's is exported as none.
  const { preferences } = await inOrganization(tx, ctx.orgId, await getPreferences(tx, ctx.userId));
  const notifications = await getSettings(tx, ctx.userId);
  const dashboards = await listDashboardSettings(tx, ctx.orgId);
  const projects = await listProjects(tx, ctx.orgId, { includeArchived: true });
  const views = await listSavedViews(tx, ctx.orgId);
  const projectName = new Map(projects.map((project) => [project.id, project.name]));
  return {
    kind: SETTINGS_KIND,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    user: { email: ctx.email },
    sections: {
      preferences,
      notifications: notifications.settings,
      dashboards: dashboards.map((dashboard) => ({
        project: dashboard.projectId
          ? { id: dashboard.projectId, name: projectName.get(dashboard.projectId) ?? dashboard.projectId }
          : null,
        visibility: dashboard.visibility,
        layout: dashboard.layout,
        preferences: dashboard.preferences,
      })),
      savedViews: views.map((view) => ({ name: view.name, kind: view.kind, definition: view.definition })),
    },
  };
}

/** `kiln-settings-2026-12-03.json`: the day of the export, in UTC. */
export const exportFilename = (now = new Date()) => `kiln-settings-${now.toISOString().slice(0, 10)}.json`;
