import "server-only";
import type { Tx } from "@/lib/db";
import { DEFAULT_VISIBILITY, type DashboardSettings } from "@/lib/dashboard/schema";
import { getDashboardSettings, saveDashboardSettings } from "@/lib/dashboard/settings";
import type { FieldErrors } from "@/lib/http/errors";
import { findUnstorableText } from "@/lib/http/schemas";
import { VALIDATION_PARSE } from "@/lib/http/validation";
import { getSettings, saveSettings } from "@/lib/notifications/settings";
import { listProjects, type Project } from "@/lib/orgs/projects";
import { inOrganization } from "@/lib/preferences/org-references";
import { getPreferences, replacePreferences } from "@/lib/preferences/store";
import { listSavedViews, replaceSavedViews } from "@/lib/saved-views/store";
import { byKey, diffValues } from "./diff";
import {
  dashboardProblem,
  formatPath,
  invalidDocument,
  notAnObject,
  notSettingsKind,
  transferTexts,
  unstorableText,
  zodProblem,
  type TransferTexts,
} from "./errors";
import { settingsDocumentSchema, type DashboardEntry, type SettingsDocument, type SettingsSections } from "./schema";
import {
  SETTINGS_KIND,
  SETTINGS_SECTIONS,
  type SettingsChange,
  type SettingsDrop,
  type SettingsImportOutcome,
  type SettingsSection,
} from "./sections";

/** Who imports, where, and the language their error messages are worded in. */
export type ImportContext = { userId: string; orgId: string; locale: string };

/**
 * A parsed JSON value checked as a settings document: not an object, another kind of file, a
 * version this Kiln does not read, wrong types and unknown widgets are each a 422 naming the
 * field. The kind is checked before the version, so a stray JSON file is called what it is.
 */
export function parseSettingsDocument(value: unknown, texts: TransferTexts): SettingsDocument {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw notAnObject(texts);
  if ((value as { kind?: unknown }).kind !== SETTINGS_KIND) throw notSettingsKind(texts);
  const unstorable = findUnstorableText(value);
  if (unstorable) throw unstorableText(unstorable, texts);
  const parsed = settingsDocumentSchema.safeParse(value, VALIDATION_PARSE);
  if (!parsed.success) throw zodProblem(parsed.error, value, texts);
  return parsed.data;
}

/**
 * What importing one section would change, the write that does it (null when nothing changes),
 * and what of the file it leaves out.
 */
type SectionPlan = { changes: SettingsChange[]; write: (() => Promise<unknown>) | null; dropped?: SettingsDrop[] };

const plan = (changes: SettingsChange[], write: () => Promise<unknown>): SectionPlan => ({
  changes,
  write: changes.length ? write : null,
});

/**
 * The file's preferences as they apply in this organization: a WhatsApp number of another
 * organization (or one since removed) is not carried over but left out, and said so. Both sides
 * are compared as they read here, so a stale number does not show up as a change.
 */
async function planPreferences(
  tx: Tx,
  ctx: ImportContext,
  file: NonNullable<SettingsSections["preferences"]>,
): Promise<SectionPlan> {
  const { preferences: current } = await inOrganization(tx, ctx.orgId, await getPreferences(tx, ctx.userId));
  const { preferences: next, unavailable } = await inOrganization(tx, ctx.orgId, file);
  const dropped = unavailable.map((path) => ({
    section: "preferences" as const,
    path,
    value: path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], file),
    reason: "notInOrganization" as const,
  }));
  return { ...plan(diffValues(current, next), () => replacePreferences(tx, ctx.userId, next)), dropped };
}

async function planNotifications(tx: Tx, ctx: ImportContext, next: NonNullable<SettingsSections["notifications"]>) {
  const { settings: current } = await getSettings(tx, ctx.userId);
  return plan(diffValues(current, next), () => saveSettings(tx, ctx.userId, next));
}

/** A dashboard as the preview compares it: widgets by name, so a moved widget reads "layout.heat.x". */
const comparable = (d: Pick<DashboardSettings, "visibility" | "layout" | "preferences">) => ({
  visibility: d.visibility,
  layout: byKey(
    d.layout,
    (item) => item.i,
    ({ x, y, w, h }) => ({ x, y, w, h }),
  ),
  preferences: d.preferences,
});

/**
 * Each file dashboard's project in the current organization: the same id, else the same name
 * (project names are unique per organization whatever their case). An unknown project, or two
 * entries for one dashboard, is an error on that entry's `project`.
 */
function resolveProjects(entries: DashboardEntry[], projects: Project[], texts: TransferTexts) {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  const resolved = entries.map((entry, index) => {
    const path = formatPath(["sections", "dashboards", index, "project"]);
    const ref = entry.project;
    const project = ref
      ? (projects.find((p) => p.id === ref.id) ??
        projects.find((p) => p.name.toLocaleLowerCase() === ref.name.toLocaleLowerCase()))
      : null;
    if (ref && !project) errors[path] = [dashboardProblem(texts, { unknownProject: ref.name })];
    const scope = project?.id ?? (ref ? `unknown:${index}` : "all");
    if (seen.has(scope)) errors[path] = [dashboardProblem(texts, "duplicate")];
    seen.add(scope);
    return { entry, project: project ? { id: project.id, name: project.name } : null };
  });
  if (Object.keys(errors).length) throw invalidDocument(errors, texts);
  return resolved;
}

async function planDashboards(
  tx: Tx,
  ctx: ImportContext,
  entries: DashboardEntry[],
  texts: TransferTexts,
): Promise<SectionPlan> {
  const projects = await listProjects(tx, ctx.orgId, { includeArchived: true });
  const scopes = [];
  for (const { entry, project } of resolveProjects(entries, projects, texts)) {
    const current = await getDashboardSettings(tx, ctx.orgId, project?.id ?? null);
    // A widget the file leaves out of `visibility` is shown, as everywhere else.
    const next = { ...entry, visibility: { ...DEFAULT_VISIBILITY, ...entry.visibility } };
    const changes = diffValues(comparable(current), comparable(next)).map((change) => ({ ...change, project }));
    scopes.push({ project, current, next, changes });
  }
  const allProjectsChanges = scopes.some((scope) => !scope.project && scope.changes.length);
  const changes = scopes.flatMap((scope) => scope.changes);
  const writes = scopes.filter(
    // A project still showing the "all projects" dashboard keeps what the file gives it even
    // when "all projects" changes in the same import: it gets its own row.
    (scope) => scope.changes.length || (scope.project && scope.current.source !== "project" && allProjectsChanges),
  );
  return {
    changes,
    write: writes.length
      ? async () => {
          for (const { project, next } of writes)
            await saveDashboardSettings(tx, ctx.orgId, project?.id ?? null, {
              layout: next.layout,
              visibility: next.visibility,
              preferences: next.preferences,
            });
        }
      : null,
  };
}

async function planSavedViews(tx: Tx, ctx: ImportContext, next: NonNullable<SettingsSections["savedViews"]>) {
  const current = await listSavedViews(tx, ctx.orgId);
  // Matched as lib/saved-views matches them (list and name, any case), shown by the file's name.
  const match = (view: { kind: string; name: string }) => `${view.kind}\u0000${view.name.toLowerCase()}`;
  const label = new Map(
    [...current, ...next].map((view) => [
      match(view),
      view.kind === "leads" ? view.name : `${view.kind}: ${view.name}`,
    ]),
  );
  const key = (view: { kind: string; name: string }) => label.get(match(view))!;
  const shape = (view: { name: string; definition: unknown }) => ({ name: view.name, definition: view.definition });
  return plan(diffValues(byKey(current, key, shape), byKey(next, key, shape)), () =>
    replaceSavedViews(tx, ctx.orgId, next),
  );
}

/** The chosen sections the file carries, each planned; nothing is written yet. */
async function planImport(tx: Tx, ctx: ImportContext, value: unknown, chosen?: readonly SettingsSection[]) {
  const texts = transferTexts(ctx.locale);
  const { sections } = parseSettingsDocument(value, texts);
  const plans: Partial<Record<SettingsSection, SectionPlan>> = {};
  for (const section of SETTINGS_SECTIONS) {
    if (chosen && !chosen.includes(section)) continue;
    if (section === "preferences" && sections.preferences)
      plans.preferences = await planPreferences(tx, ctx, sections.preferences);
    if (section === "notifications" && sections.notifications)
      plans.notifications = await planNotifications(tx, ctx, sections.notifications);
    if (section === "dashboards" && sections.dashboards)
      plans.dashboards = await planDashboards(tx, ctx, sections.dashboards, texts);
    if (section === "savedViews" && sections.savedViews)
      plans.savedViews = await planSavedViews(tx, ctx, sections.savedViews);
  }
  return plans;
}

const previewOf = (plans: Partial<Record<SettingsSection, SectionPlan>>): SettingsImportOutcome => ({
  sections: Object.fromEntries(Object.entries(plans).map(([section, p]) => [section, p.changes])),
  dropped: Object.values(plans).flatMap((p) => p.dropped ?? []),
});

/**
 * What importing `value` (a parsed JSON document) would change, per chosen section (all the
 * file carries when `sections` is not given), old → new at each differing field, and what it
 * leaves out. Writes nothing.
 */
export async function previewImport(
  tx: Tx,
  ctx: ImportContext,
  value: unknown,
  sections?: readonly SettingsSection[],
): Promise<SettingsImportOutcome> {
  return previewOf(await planImport(tx, ctx, value, sections));
}

/**
 * Imports the chosen sections in the caller's one transaction: every section is validated and
 * planned before the first write, and a failure in any write throws, so the caller's transaction
 * rolls back what the earlier sections wrote. Sections with no differences are not written, so
 * importing the same file again changes nothing. Answers what changed.
 */
export async function applyImport(
  tx: Tx,
  ctx: ImportContext,
  value: unknown,
  sections?: readonly SettingsSection[],
): Promise<SettingsImportOutcome> {
  const plans = await planImport(tx, ctx, value, sections);
  for (const section of SETTINGS_SECTIONS) await plans[section]?.write?.();
  return previewOf(plans);
}
