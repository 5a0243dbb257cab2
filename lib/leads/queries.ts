import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { openCursor, sealCursor } from "@/lib/http/cursor";
import { badRequest } from "@/lib/http/errors";
import { currentReader } from "@/lib/i18n/reader";
import { translatorFor } from "@/lib/i18n/translator";
import type { HeatLevel, HeatLine } from "@/lib/scoring";
import { heatLinesText } from "@/lib/scoring/render";
import { heatLineTextFor, readerHeatLineText } from "@/lib/scoring/readers";
import { renderLeadEventReason } from "./reasons";
import type { LeadMeetingFilter, ListLeadsQuery } from "./schema";
import type { LeadEvent, LeadListItem } from "./types";

/** Each sort is a keyset over (column, id), newest / hottest first, backed by an index. */
const SORTS = {
  last_activity: { column: "l.last_activity_at", cast: "timestamptz" },
  heat: { column: "l.heat_score", cast: "int" },
  created: { column: "l.created_at", cast: "timestamptz" },
} as const;

const cursorSchema = z.object({ s: z.enum(["last_activity", "heat", "created"]), v: z.string().max(64), id: z.uuid() });

export const LEAD_COLUMNS = `
  l.id, l.name, l.email, l.phone, l.company, l.title, l.status, l.source, l.tags,
  l.heat_level as "heatLevel", l.heat_score as "heatScore", (l.heat_override is not null) as "heatOverridden",
  jsonb_build_object(
    'budget', coalesce(l.bant #>> '{budget,status}', 'unknown'),
    'authority', coalesce(l.bant #>> '{authority,status}', 'unknown'),
    'need', coalesce(l.bant #>> '{need,status}', 'unknown'),
    'timeline', coalesce(l.bant #>> '{timeline,status}', 'unknown')
  ) as "bantStatuses",
  l.bant_score as "bantScore", l.bant_qualified as "bantQualified",
  l.owner_id as "ownerId", nullif(coalesce(nullif(op.full_name, ''), op.email), '') as "ownerName",
  l.project_id as "projectId", p.name as "projectName",
  l.last_activity_at as "lastActivityAt", l.created_at as "createdAt", l.updated_at as "updatedAt", l.deleted_at as "deletedAt"`;

export const LEAD_JOINS = `
  left join public.profiles op on op.id = l.owner_id
  left join public.projects p on p.id = l.project_id`;

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause for the list's filters; shared with counts and CSV export. */
export function leadFilters(orgId: string, userId: string, query: Partial<ListLeadsQuery>, params: unknown[] = []) {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const org = add(orgId);
  const where = [`l.org_id = ${org}`, query.deleted ? "l.deleted_at is not null" : "l.deleted_at is null"];
  // One level as `=`, so the (org, heat_level, activity) index returns rows already in order.
  if (query.heat?.length === 1) where.push(`l.heat_level = ${add(query.heat[0])}`);
  else if (query.heat?.length) where.push(`l.heat_level = any(${add(query.heat)}::text[])`);
  if (query.status?.length) where.push(`l.status = any(${add(query.status)}::text[])`);
  if (query.owner === "me") where.push(`l.owner_id = ${add(userId)}`);
  else if (query.owner === "unassigned") where.push("l.owner_id is null");
  else if (query.owner) where.push(`l.owner_id = ${add(query.owner)}`);
  if (query.project) where.push(`l.project_id = ${add(query.project)}`);
  if (query.tag) where.push(`l.tags @> array[${add(query.tag)}]::text[]`);
  if (query.qualified !== undefined) where.push(`l.bant_qualified = ${add(query.qualified)}`);
  // Through private.search_lead_ids so the trigram index works under RLS (see the migration).
  // The org is a parameter, not l.org_id, so the search runs once per statement (an initplan).
  if (query.q)
    where.push(`l.id = any((select private.search_lead_ids(${org}::uuid, ${add(likePattern(query.q))}))::uuid[])`);
  if (query.updatedSince) where.push(`l.updated_at >= ${add(query.updatedSince)}`);
  // The dashboard's click-through filters: the leads behind one of its numbers.
  for (const dimension of query.confirmed ?? [])
    where.push(`l.bant -> ${add(dimension)}::text ->> 'status' = 'confirmed'`);
  if (query.createdFrom) where.push(`l.created_at >= ${add(query.createdFrom)}`);
  if (query.createdTo) where.push(`l.created_at < ${add(query.createdTo)}`);
  if (query.qualifiedFrom || query.qualifiedTo)
    where.push(
      `exists (select 1 from public.lead_events e where e.lead_id = l.id and e.type = 'bant_qualified'${window(
        "e.created_at",
        query.qualifiedFrom,
        query.qualifiedTo,
        add,
      )})`,
    );
  if (query.meeting) where.push(meetingFilter(query.meeting, query.meetingFrom, query.meetingTo, add));
  return { where: where.join(" and "), params };
}

/** ` and <column> >= $n and <column> < $m` for the bounds that are set. */
function window(column: string, from: Date | undefined, to: Date | undefined, add: (value: unknown) => string) {
  return `${from ? ` and ${column} >= ${add(from)}` : ""}${to ? ` and ${column} < ${add(to)}` : ""}`;
}

const MEETING_CONDITIONS: Record<LeadMeetingFilter, string> = {
  booked: "true",
  held: "m.status = 'completed' and not m.no_show",
  no_show: "m.no_show",
  canceled: "m.status = 'canceled'",
};

/** A count in the lead's engagement memory (lib/scoring) that is above zero. */
const engaged = (counter: string) =>
  `(jsonb_typeof(l.engagement -> '${counter}') = 'number' and (l.engagement ->> '${counter}')::numeric > 0)`;

/**
 * Leads with a meeting of that kind. In a window: a meeting booked in it (booked_at, else
 * created_at), as the dashboard's meeting numbers count them. Without one, "booked" and "held"
 * read the lead's engagement memory and status as the dashboard's funnel does (a won lead or
 * one marked meeting_scheduled counts as booked: the meeting may have been arranged elsewhere).
 */
function meetingFilter(
  kind: LeadMeetingFilter,
  from: Date | undefined,
  to: Date | undefined,
  add: (value: unknown) => string,
) {
  if (!from && !to && kind === "booked")
    return `(l.status in ('meeting_scheduled', 'won') or ${engaged("meetingsBooked")})`;
  if (!from && !to && kind === "held") return engaged("meetingsHeld");
  const booked = window("coalesce(m.booked_at, m.created_at)", from, to, add);
  return `exists (select 1 from public.meetings m where m.lead_id = l.id and ${MEETING_CONDITIONS[kind]}${booked})`;
}

export type LeadPage = { leads: LeadListItem[]; nextCursor: string | null; prevCursor: string | null };

/**
 * One page of leads in keyset order. `next` walks toward colder / older rows, `prev`
 * back toward the start; both use the sort's index, so page 2,000 costs what page 1 does.
 */
export async function listLeads(tx: Tx, orgId: string, userId: string, query: ListLeadsQuery): Promise<LeadPage> {
  const sort = SORTS[query.sort];
  const { where, params } = leadFilters(orgId, userId, query);
  const cursor = query.cursor ? openCursor(query.cursor, cursorSchema) : null;
  if (cursor && cursor.s !== query.sort) throw badRequest("cursorOtherSort");
  const backwards = Boolean(cursor) && query.direction === "prev";
  let keyset = "";
  if (cursor) {
    params.push(cursor.v, cursor.id);
    const op = backwards ? ">" : "<";
    keyset = ` and (${sort.column}, l.id) ${op} ($${params.length - 1}::${sort.cast}, $${params.length}::uuid)`;
  }
  params.push(query.limit + 1);
  const order = backwards ? "asc" : "desc";
  // The page is chosen first; owner and project are joined to its rows only, so the
  // profiles policy runs for a page of rows, not for every candidate.
  const { rows } = await tx.query<LeadListItem & { sortValue: string }>(
    `select ${LEAD_COLUMNS}, ${sort.column}::text as "sortValue"
       from (select * from public.leads l
              where ${where}${keyset}
              order by ${sort.column} ${order}, l.id ${order}
              limit $${params.length}) l
       ${LEAD_JOINS}
      order by ${sort.column} ${order}, l.id ${order}`,
    params,
  );
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  const seal = (row: (typeof page)[number] | undefined) =>
    row ? sealCursor({ s: query.sort, v: row.sortValue, id: row.id }) : null;
  const first = page[0];
  const last = page[page.length - 1];
  const nextCursor = backwards ? (cursor ? seal(last) : null) : hasMore ? seal(last) : null;
  const prevCursor = backwards ? (hasMore ? seal(first) : null) : cursor ? seal(first) : null;
  return { leads: page.map(({ sortValue, ...lead }) => lead), nextCursor, prevCursor };
}

export type LeadDetail = LeadListItem & {
  bant: Record<string, { status: string; value: string | null; evidence: unknown }>;
  heatOverride: { level: HeatLevel; reason: string; by: unknown; at: string; expiresAt: string | null } | null;
  /** The engine's lines as stored ({ key, params }); render with renderHeatLine. */
  heatLines: HeatLine[];
  /** heatLines as text in the caller's language, for API clients. */
  heatExplanation: string[];
  engagement: Record<string, unknown>;
  createdBy: string | null;
  /** Mail to the address hard-bounced (lib/leads/email-status.ts): Kiln does not email it until it changes. */
  emailUndeliverable: boolean;
};

export async function getLead(
  tx: Tx,
  orgId: string,
  leadId: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<LeadDetail | null> {
  const { rows } = await tx.query<Omit<LeadDetail, "heatExplanation">>(
    `select ${LEAD_COLUMNS}, l.bant, l.heat_override as "heatOverride", l.heat_explanation as "heatLines",
            l.engagement, l.created_by as "createdBy", l.email_undeliverable_at is not null as "emailUndeliverable"
       from public.leads l ${LEAD_JOINS}
      where l.id = $1 and l.org_id = $2 ${opts.includeDeleted ? "" : "and l.deleted_at is null"}`,
    [leadId, orgId],
  );
  const lead = rows[0];
  if (!lead) return null;
  const heatLine = lead.heatLines.length ? await readerHeatLineText(tx) : null;
  return { ...lead, heatExplanation: heatLine ? heatLinesText(lead.heatLines, heatLine) : [] };
}

const eventCursorSchema = z.object({ at: z.string().max(64), id: z.uuid() });

export async function listLeadEvents(
  tx: Tx,
  orgId: string,
  leadId: string,
  opts: { cursor?: string; limit: number },
): Promise<{ events: LeadEvent[]; nextCursor: string | null }> {
  const before = opts.cursor ? openCursor(opts.cursor, eventCursorSchema) : null;
  const { rows } = await tx.query<LeadEvent & { cursorAt: string }>(
    `select e.id, e.type, e.actor_type as "actorType", e.actor_id as "actorId",
            coalesce(nullif(p.full_name, ''), p.email, e.data ->> 'actorName') as "actorName",
            e.reason, e.reason_key as "reasonKey", e.reason_params as "reasonParams",
            e.evidence, e.data, e.created_at as "createdAt", e.created_at::text as "cursorAt"
       from public.lead_events e left join public.profiles p on p.id = e.actor_id
      where e.lead_id = $1 and e.org_id = $2
        and ($3::timestamptz is null or (e.created_at, e.id) < ($3::timestamptz, $4::uuid))
      order by e.created_at desc, e.id desc
      limit $5`,
    [leadId, orgId, before?.at ?? null, before?.id ?? null, opts.limit + 1],
  );
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  // `reason` in the caller's language, for API clients; the lead page renders reasonKey itself.
  const reader = page.some((e) => e.reasonKey) ? await currentReader(tx) : null;
  const t = reader ? translatorFor(reader.locale, "timelineReasons", reader.timeZone, reader.data) : null;
  const heatLine = reader ? heatLineTextFor(reader.locale, reader.timeZone, reader.data) : null;
  const fieldLabel = reader ? translatorFor(reader.locale, "leads.fields") : null;
  return {
    events: page.map(({ cursorAt, ...event }) => ({
      ...event,
      reason:
        t && heatLine && fieldLabel
          ? renderLeadEventReason(event.reasonKey, event.reasonParams, event.reason, t, heatLine, fieldLabel)
          : event.reason,
    })),
    nextCursor: rows.length > opts.limit && last ? sealCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

/** Live leads per heat level, for the list's header. */
export async function countLeadsByHeat(tx: Tx, orgId: string): Promise<Record<HeatLevel, number>> {
  const { rows } = await tx.query<{ level: HeatLevel; n: number }>(
    `select heat_level as level, count(*) as n from public.leads l where l.org_id = $1 and l.deleted_at is null group by heat_level`,
    [orgId],
  );
  const counts: Record<HeatLevel, number> = { cold: 0, warm: 0, hot: 0, burning: 0 };
  for (const row of rows) counts[row.level] = row.n;
  return counts;
}

/**
 * Leads the caller may see that have been silent since `before` (no activity after it),
 * optionally of some heat levels: a bulk re-engagement's audience ("warm leads silent for
 * 14 days"), oldest silence first.
 */
export async function silentLeadIds(
  tx: Tx,
  orgId: string,
  input: { before: Date; heat?: HeatLevel[]; limit: number },
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `select id from public.leads
      where org_id = $1 and deleted_at is null and last_activity_at < $2
        and ($3::text[] is null or heat_level = any($3::text[]))
      order by last_activity_at, id limit $4`,
    [orgId, input.before, input.heat?.length ? input.heat : null, input.limit],
  );
  return rows.map((r) => r.id);
}

/** Of these ids, the leads the caller may see (the leads policy applies), not deleted, in the given order. */
export async function visibleLeadIds(tx: Tx, orgId: string, ids: string[]): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `select l.id from unnest($2::uuid[]) with ordinality as wanted (id, n)
       join public.leads l on l.id = wanted.id
      where l.org_id = $1 and l.deleted_at is null
      order by wanted.n`,
    [orgId, ids],
  );
  return rows.map((r) => r.id);
}

/** The names of these leads that the caller may see, deleted ones included (history keeps its names). */
export async function leadNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    "select id, name from public.leads where id = any($1::uuid[])",
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
