/**
 * The dashboard's numbers, composed: every widget of `Analytics` from its rollup reader
 * (`getAnalytics`, what requests use, under RLS) or from its direct aggregate over the source
 * tables (`getAnalyticsDirect`, the ground truth for tests and the benchmark). Page, API, CSV,
 * PDF and reports all go through `analyticsQueryFor` + `getAnalytics`, so they show the same
 * numbers for the same query.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { hasRole, type Role } from "@/lib/auth/roles";
import { notFound } from "@/lib/http/errors";
import { listMembers } from "@/lib/orgs/members";
import { listProjects } from "@/lib/orgs/projects";
import { getOrganizationSettings } from "@/lib/orgs/settings";
import { timeZoneOf } from "@/lib/preferences/derived";
import { getPreferences } from "@/lib/preferences/store";
import * as activityRollups from "./activity-rollups";
import type { TeamActivity } from "./activity-rollups";
import * as directActivity from "./direct-activity";
import * as directLeads from "./direct-leads";
import * as leadRollups from "./lead-rollups";
import type { TeamLeads } from "./lead-rollups";
import { canonicalTimeZone, toAnalyticsQuery, type AnalyticsParams } from "./schema";
import {
  HEAT_LEVELS,
  WIDGETS,
  type Analytics,
  type AnalyticsQuery,
  type HeatCounts,
  type PartialAnalytics,
  type TeamWidget,
  type WidgetName,
} from "./types";

/** Who is looking: the team widget shows every member to managers and above, a rep only their own row. */
export type Viewer = { userId: string; orgId: string; role: Role };

/** What a direct aggregate counts: one organization, and the rep's leads (plus unassigned) when it restricts reps. */
export type DirectScope = { orgId: string; restrictedTo: string | null };

/** The zone of the user's days: their app preferences' zone (UTC until they have one). */
export async function userTimeZone(tx: Tx, userId: string): Promise<string> {
  return canonicalTimeZone(timeZoneOf(await getPreferences(tx, userId)));
}

/**
 * Parsed search params → the resolved query, for the page, the API, the PDF and the reports.
 * No `tz`: the user's zone. A project the caller cannot see (another organization's, or
 * none) is a 404, never an empty dashboard.
 */
export async function analyticsQueryFor(
  tx: Tx,
  viewer: Pick<Viewer, "userId" | "orgId">,
  params: AnalyticsParams,
  now?: Date,
): Promise<AnalyticsQuery> {
  if (params.project) {
    const projects = await listProjects(tx, viewer.orgId, { includeArchived: true });
    if (!projects.some((p) => p.id === params.project)) throw notFound("projectNotInOrganization");
  }
  const timeZone = params.tz ?? (await userTimeZone(tx, viewer.userId));
  return toAnalyticsQuery(params, timeZone, now);
}

/** The direct aggregates' scope for a viewer: restricted to them when they are a rep and the organization restricts reps. */
export async function directScopeFor(tx: Tx, viewer: Viewer): Promise<DirectScope> {
  const { repsSeeOwnLeadsOnly } = await getOrganizationSettings(tx, viewer.orgId);
  const restricted = repsSeeOwnLeadsOnly && !hasRole(viewer.role, "manager");
  return { orgId: viewer.orgId, restrictedTo: restricted ? viewer.userId : null };
}

/** One implementation of every widget, bound to its transaction and query. */
type Source = {
  heat: () => Promise<Analytics["heat"]>;
  pipeline: () => Promise<Analytics["pipeline"]>;
  progression: () => Promise<Analytics["progression"]>;
  meetings: () => Promise<Analytics["meetings"]>;
  conversations: () => Promise<Analytics["conversations"]>;
  agents: () => Promise<Analytics["agents"]>;
  teamLeads: () => Promise<TeamLeads>;
  teamActivity: () => Promise<TeamActivity>;
};

const noLeads = (): HeatCounts & { total: number } => ({
  ...(Object.fromEntries(HEAT_LEVELS.map((level) => [level, 0])) as HeatCounts),
  total: 0,
});

/** Members of the organization with their leads and activity; a rep sees only their own row. */
async function teamWidget(tx: Tx, source: Source, viewer: Viewer): Promise<TeamWidget> {
  const members = await listMembers(tx, viewer.orgId);
  const people = hasRole(viewer.role, "manager") ? members : members.filter((m) => m.userId === viewer.userId);
  const leads = await source.teamLeads();
  const activity = await source.teamActivity();
  return {
    rows: people.map((m) => ({
      userId: m.userId,
      name: m.fullName || m.email,
      leads: leads.get(m.userId) ?? noLeads(),
      repliesSent: activity.get(m.userId)?.repliesSent ?? 0,
      meetingsHeld: activity.get(m.userId)?.meetingsHeld ?? 0,
    })),
  };
}

function rangeOf(q: AnalyticsQuery): Analytics["range"] {
  return {
    key: q.range,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    previousFrom: q.previousFrom.toISOString(),
    previousTo: q.previousTo.toISOString(),
    timeZone: q.timeZone,
    projectId: q.projectId,
    days: q.days,
  };
}

/** The requested widgets one after another (one transaction runs one statement at a time anyway). */
async function compose(
  tx: Tx,
  q: AnalyticsQuery,
  viewer: Viewer,
  source: Source,
  widgets: readonly WidgetName[] = WIDGETS,
): Promise<PartialAnalytics> {
  const out: PartialAnalytics = { range: rangeOf(q), generatedAt: new Date().toISOString() };
  const wanted = new Set(widgets);
  if (wanted.has("heat")) out.heat = await source.heat();
  if (wanted.has("pipeline")) out.pipeline = await source.pipeline();
  if (wanted.has("progression")) out.progression = await source.progression();
  if (wanted.has("meetings")) out.meetings = await source.meetings();
  if (wanted.has("conversations")) out.conversations = await source.conversations();
  if (wanted.has("agents")) out.agents = await source.agents();
  if (wanted.has("team")) out.team = await teamWidget(tx, source, viewer);
  return out;
}

/**
 * Every widget (or only `widgets`) from the rollups of the viewer's organization, as the viewer
 * may see them: run it in `withRls` as that user, where row-level security scopes every rollup row.
 */
export function getAnalytics(tx: Tx, q: AnalyticsQuery, viewer: Viewer): Promise<Analytics>;
export function getAnalytics(
  tx: Tx,
  q: AnalyticsQuery,
  viewer: Viewer,
  widgets: readonly WidgetName[] | undefined,
): Promise<PartialAnalytics>;
export function getAnalytics(
  tx: Tx,
  q: AnalyticsQuery,
  viewer: Viewer,
  widgets?: readonly WidgetName[],
): Promise<PartialAnalytics> {
  const source: Source = {
    heat: () => leadRollups.heatWidget(tx, q, viewer.orgId),
    pipeline: () => leadRollups.pipelineWidget(tx, q, viewer.orgId),
    progression: () => leadRollups.progressionWidget(tx, q, viewer.orgId),
    meetings: () => activityRollups.meetingsWidget(tx, q, viewer.orgId),
    conversations: () => activityRollups.conversationsWidget(tx, q, viewer.orgId),
    agents: () => activityRollups.agentsWidget(tx, q, viewer.orgId),
    teamLeads: () => leadRollups.teamLeads(tx, q, viewer.orgId),
    teamActivity: () => activityRollups.teamActivity(tx, q, viewer.orgId),
  };
  return compose(tx, q, viewer, source, widgets);
}

/** Runs a function in a transaction as the viewer (the route's `rls`, or `withRls` bound to a session). */
export type RunAsViewer = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * `getAnalytics` with every widget in its own transaction, all started at once: on PostgreSQL
 * each runs on its own pooled connection, so the answer takes about as long as the slowest
 * widget instead of the sum of all (PGlite, one connection, runs them in turn). Widgets may
 * read snapshots a few milliseconds apart; each is consistent in itself.
 */
export async function getAnalyticsConcurrently(
  run: RunAsViewer,
  q: AnalyticsQuery,
  viewer: Viewer,
  widgets: readonly WidgetName[] = WIDGETS,
): Promise<PartialAnalytics> {
  const parts = await Promise.all(widgets.map((w) => run((tx) => getAnalytics(tx, q, viewer, [w]))));
  const out: PartialAnalytics = { range: rangeOf(q), generatedAt: new Date().toISOString() };
  for (const { range: _range, generatedAt: _at, ...widget } of parts) Object.assign(out, widget);
  return out;
}

/**
 * The same from direct aggregates over the source tables, with the scope's explicit filters:
 * run it in a service transaction (`withService`). Never used by requests.
 */
export function getAnalyticsDirect(
  tx: Tx,
  q: AnalyticsQuery,
  scope: DirectScope,
  viewer: Pick<Viewer, "userId" | "role">,
): Promise<Analytics>;
export function getAnalyticsDirect(
  tx: Tx,
  q: AnalyticsQuery,
  scope: DirectScope,
  viewer: Pick<Viewer, "userId" | "role">,
  widgets: readonly WidgetName[] | undefined,
): Promise<PartialAnalytics>;
export function getAnalyticsDirect(
  tx: Tx,
  q: AnalyticsQuery,
  scope: DirectScope,
  viewer: Pick<Viewer, "userId" | "role">,
  widgets?: readonly WidgetName[],
): Promise<PartialAnalytics> {
  const source: Source = {
    heat: () => directLeads.heatWidget(tx, q, scope),
    pipeline: () => directLeads.pipelineWidget(tx, q, scope),
    progression: () => directLeads.progressionWidget(tx, q, scope),
    meetings: () => directActivity.meetingsWidget(tx, q, scope),
    conversations: () => directActivity.conversationsWidget(tx, q, scope),
    agents: () => directActivity.agentsWidget(tx, q, scope),
    teamLeads: () => directLeads.teamLeads(tx, q, scope),
    teamActivity: () => directActivity.teamActivity(tx, q, scope),
  };
  return compose(tx, q, { ...viewer, orgId: scope.orgId }, source, widgets);
}
