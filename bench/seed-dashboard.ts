/**
 * Bulk data for bench/dashboard.bench.ts: BENCH_LEADS leads (default 1,000,000) in BENCH_ORGS
 * organizations (default 100). The largest holds BENCH_BIG_ORG (100,000) and restricts reps to
 * their own leads; the others shrink like 1/√rank (about 49,000 down to 5,000). Around the
 * leads: 5,000,000 lead_events over the last year, consistent with each lead's final state
 * (heat_changed chains whose data.from/to end at the lead's heat_level, bant_changed per
 * confirmed dimension then bant_qualified, status_changed chains ending at the status, meeting
 * and AI draft events, notes and signals to fill up), 1,000,000 messages in conversations
 * (inbound from the lead, replies by an approved AI draft or a person), meetings booked,
 * held, missed and canceled, AI agents and their decided hil_tasks.
 *
 * Set-based SQL like the other generators (bench/seed-leads.ts): members, organizations and
 * projects with triggers on; the bulk tables with their secondary indexes dropped and rebuilt
 * from their own definitions, and with triggers off (session_replication_role = replica:
 * foreign keys are satisfied by construction, and the analytics triggers stay quiet — the
 * rollups are built afterwards by private.analytics_rebuild, which the benchmark times).
 * The finished set is marked in bench.dashboard_seed, so a later run reuses it.
 */
import pg from "pg";
import { secondaryIndexes } from "./seed-conversations";
import {
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  FIRST_NAMES,
  LAST_NAMES,
  TITLES,
  sqlArray,
  timed,
  type SeedReport,
} from "./seed-leads";

export type DashboardSeedSize = {
  leads: number;
  orgs: number;
  bigOrg: number;
  events: number;
  messages: number;
};

export type DashboardFixture = {
  bigOrgId: string;
  bigOrgLeads: number;
  manager: { id: string; email: string };
  /** A rep of the big organization, which restricts reps to their own (and unassigned) leads. */
  rep: { id: string; email: string };
  seededAt: string;
  counts: Record<string, number>;
};

export const DASH_MANAGER_EMAIL = "d0-manager1@bench.kiln.test";
export const DASH_REP_EMAIL = "d0-rep1@bench.kiln.test";
const BIG_ORG_NAME = "Dashboard bench big organization";
/** Bump when the generated data changes shape, so an older set is regenerated. */
const SEED_VERSION = 1;
const MESSAGES_PER_CONVERSATION = 4;

const NOTES = [
  "Called, left a voicemail.",
  "Asked for a proposal by Friday.",
  "Prefers WhatsApp over email.",
  "Decision after the board meeting.",
  "Competitor quote on the table.",
];
const INBOUND = [
  "Hi, is the offer still valid?",
  "Can you send me the pricing?",
  "We'd like to start next quarter.",
  "Could we talk tomorrow at 10?",
  "Budget is around 40k, is that realistic?",
];
const OUTBOUND = [
  "Thanks for reaching out! Happy to help.",
  "Here is the quote we discussed.",
  "Would Tuesday or Wednesday work for a call?",
  "I have booked the meeting, see you then.",
];

/** The fixture of a complete seed of this size and version, or null. */
export async function existingDashboardFixture(
  client: pg.Client,
  size: DashboardSeedSize,
): Promise<DashboardFixture | null> {
  const ready = await client.query<{ ok: boolean }>("select to_regclass('bench.dashboard_seed') is not null as ok");
  if (!ready.rows[0]?.ok) return null;
  const { rows } = await client.query<{ version: number; size: DashboardSeedSize; fixture: DashboardFixture }>(
    "select version, size, fixture from bench.dashboard_seed",
  );
  const row = rows[0];
  // jsonb keeps its own key order: compare field by field.
  const same = (Object.keys(size) as (keyof DashboardSeedSize)[]).every((k) => row?.size[k] === size[k]);
  if (!row || row.version !== SEED_VERSION || !same) return null;
  return row.fixture;
}

async function count(client: pg.Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: number }>(sql, params);
  return Number(rows[0]!.n);
}

/** Fills an empty database migrated up to (not including) the analytics migrations or beyond. */
export async function seedDashboard(
  client: pg.Client,
  size: DashboardSeedSize,
): Promise<{ fixture: DashboardFixture; report: SeedReport }> {
  if (size.orgs < 3 || size.bigOrg >= size.leads) throw new Error("Need at least 3 organizations and a big one.");
  if (size.messages % MESSAGES_PER_CONVERSATION !== 0)
    throw new Error(`BENCH_MESSAGES must be a multiple of ${MESSAGES_PER_CONVERSATION}.`);
  const steps: SeedReport["steps"] = [];
  const start = performance.now();
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set work_mem = '256MB'");
  // One "now" for the whole set: every timestamp lies in the year before it.
  const seededAt = (await client.query<{ now: Date }>("select date_trunc('second', now()) as now")).rows[0]!.now;
  await client.query(`create temp table d_now as select $1::timestamptz as at`, [seededAt]);

  await timed(steps, "organizations, members, projects, channels, agents", async () => {
    // Lead counts: the big organization, then the rest ∝ 1/√rank; the rounding remainder goes to rank 1.
    await client.query(
      `create temp table d_org as
       with w as (select k as ord, case when k = 0 then 0 else power(k, -0.5) end as w from generate_series(0, $1::int - 1) k),
            n as (select ord, case when ord = 0 then $2::int else floor(($3::int - $2::int) * w / sum(w) over ())::int end as n from w)
       select ord, gen_random_uuid() as id,
              n + case when ord = 1 then $3::int - (sum(n) over ())::int else 0 end as n
         from n`,
      [size.orgs, size.bigOrg, size.leads],
    );
    // Members: the big one 60 (owner, admin, 6 managers, 52 reps); others one per ~1,500 leads, 3..40.
    await client.query(`
      create temp table d_member as
      select o.ord, k, format('d%s-%s%s@bench.kiln.test', o.ord, r.role, r.nth) as email, r.role
        from d_org o
        cross join lateral (
          select m, (m >= 5)::int as admins, greatest(1, m / 10) as managers
            from (select case when o.ord = 0 then 60 else greatest(3, least(40, o.n / 1500)) end as m) x
        ) m
        cross join lateral generate_series(1, m.m) k
        cross join lateral (
          select case when k = 1 then 'owner' when k = 2 and m.admins = 1 then 'admin'
                      when k <= 1 + m.admins + m.managers then 'manager' else 'rep' end as role
        ) r0
        cross join lateral (
          select r0.role,
                 case r0.role when 'owner' then 1 when 'admin' then 1
                              when 'manager' then k - 1 - m.admins else k - 1 - m.admins - m.managers end as nth
        ) r`);
    await client.query(`
      insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
      select email, 'bench: no password', now(), jsonb_build_object('full_name', initcap(role) || ' ' || k || ' of org ' || ord)
        from d_member`);
    await client.query(
      `insert into public.organizations (id, name, created_by, plan, settings)
       select o.id, case when o.ord = 0 then $1 else 'Dashboard bench organization ' || o.ord end, u.id, 'enterprise',
              case when o.ord = 0 then '{"reps_see_own_leads_only": true}'::jsonb else '{}'::jsonb end
         from d_org o join d_member m on m.ord = o.ord and m.k = 1 join auth.users u on u.email = m.email`,
      [BIG_ORG_NAME],
    );
    await client.query(`
      insert into public.memberships (org_id, user_id, role)
      select o.id, u.id, m.role from d_member m join d_org o using (ord) join auth.users u on u.email = m.email`);
    await client.query(`
      insert into public.projects (org_id, name, created_by)
      select o.id, p.name, x.created_by
        from d_org o join public.organizations x on x.id = o.id
        cross join unnest(array['Inbound', 'Partners', 'Enterprise']) p(name)`);
    await client.query(`
      insert into public.channels (org_id, provider, address, capabilities, label)
      select id, 'twilio', '+1555' || lpad((1000 + ord)::text, 7, '0'), '{sms,whatsapp}', 'Dashboard bench line' from d_org`);
    // Agents: a default sales agent with a scheduling link and a support agent; the big organization two more.
    await client.query(`
      insert into public.ai_agents (org_id, name, role, is_default, scheduling_url, created_by)
      select o.id, a.name, a.role, a.k = 1, case when a.role = 'sales' then 'https://calendly.com/bench-' || o.ord || '-' || a.k end, x.created_by
        from d_org o join public.organizations x on x.id = o.id
        cross join lateral (values (1, 'Sales agent', 'sales'), (2, 'Support agent', 'support'),
                                   (3, 'Outbound agent', 'sales'), (4, 'Assistant', 'assistant')) a(k, name, role)
       where a.k <= case when o.ord = 0 then 4 else 2 end`);
    // Per organization, as arrays: who may own leads (managers and reps), the projects, the agents.
    await client.query(`
      create temp table d_pick as
      select o.ord, o.id as org_id, o.n,
             (select user_id from public.memberships m where m.org_id = o.id and m.role = 'owner') as owner,
             (select array_agg(m.user_id order by m.role, m.user_id) from public.memberships m
               where m.org_id = o.id and m.role in ('manager', 'rep')) as assignees,
             (select array_agg(m.user_id order by m.user_id) from public.memberships m
               where m.org_id = o.id and m.role in ('owner', 'admin', 'manager')) as managers,
             (select array_agg(p.id order by p.name) from public.projects p where p.org_id = o.id) as projects,
             (select array_agg(a.id order by a.is_default desc, a.name) from public.ai_agents a where a.org_id = o.id) as agents,
             (select id from public.channels c where c.org_id = o.id) as channel_id
        from d_org o`);
  });

  await client.query("set session_replication_role = replica");
  const dropped: { name: string; def: string }[] = [];
  await timed(steps, "drop secondary indexes of the bulk tables", async () => {
    for (const table of [
      "public.leads",
      "public.lead_events",
      "public.conversations",
      "public.messages",
      "public.meetings",
      "public.hil_tasks",
    ]) {
      for (const d of await secondaryIndexes(client, table)) {
        await client.query(`drop index ${d.name}`);
        dropped.push(d);
      }
    }
  });

  await timed(steps, `plan ${size.leads.toLocaleString("en")} leads`, async () => {
    // Each lead's story, decided once: h = final heat (0 cold … 3 burning), x = it once went a
    // level higher and cooled back, dims = BANT dimensions confirmed (likelier when hot), its
    // status, owner, project, when it was created and whether it is soft-deleted.
    await client.query(`
      create temp table d_lead as
      select row_number() over () as seq, gen_random_uuid() as id, p.ord, p.org_id, i,
             r.h, r.x, r.dims, r.status,
             case when r.r_owner < 0.1 then null else p.assignees[1 + floor(r.r_owner2 * cardinality(p.assignees))::int] end as owner_id,
             case when r.r_project < 0.15 then null else p.projects[1 + floor(r.r_project2 * 3)::int] end as project_id,
             r.created_at,
             case when r.r_deleted < 0.01 then r.created_at + (n.at - r.created_at) * 0.95 end as deleted_at,
             p.owner as created_by
        from d_pick p cross join d_now n
        cross join lateral generate_series(1, p.n) i
        cross join lateral (
          select h, random() < 0.15 and h < 3 as x, r_owner, r_owner2, r_project, r_project2, r_deleted, created_at,
                 array[random() < p_dim, random() < p_dim, random() < p_dim, random() < p_dim] as dims,
                 case when r_status < 0.35 then 'new' when r_status < 0.60 then 'contacted' when r_status < 0.70 then 'qualified'
                      when r_status < 0.78 then 'meeting_scheduled' when r_status < 0.82 then 'won' when r_status < 0.95 then 'lost'
                      else 'disqualified' end as status
            from (select case when r_heat < 0.5 then 0 when r_heat < 0.78 then 1 when r_heat < 0.93 then 2 else 3 end as h, *
                    from (select random() as r_heat, random() as r_owner, random() as r_owner2, random() as r_project,
                                 random() as r_project2, random() as r_deleted, random() as r_status,
                                 n.at - interval '365 days' * random() as created_at, i as _i) z) y
            cross join lateral (select 0.1 + 0.2 * y.h as p_dim) d
        ) r`);
    await client.query("create unique index on d_lead (seq)");
    await client.query("analyze d_lead");
  });

  await timed(steps, `insert ${size.leads.toLocaleString("en")} leads`, async () => {
    const levels = "(array['cold', 'warm', 'hot', 'burning'])";
    const dim = (k: number) =>
      `jsonb_build_object('status', case when d.dims[${k}] then 'confirmed' else 'unknown' end, 'value', null, 'evidence', null)`;
    await client.query(`
      insert into public.leads (
        id, org_id, project_id, owner_id, name, email, phone, company, title, source, status,
        bant, bant_score, bant_qualified, heat_level, heat_score, heat_explanation, engagement,
        last_activity_at, created_by, created_at, updated_at, deleted_at)
      select d.id, d.org_id, d.project_id, d.owner_id,
             nm.first || ' ' || nm.last,
             lower(nm.first || '.' || nm.last || '.' || d.i || '@' || replace(nm.company_word, ' ', '') || '.example'),
             '+1666' || lpad((d.ord * 200000 + d.i)::text, 8, '0'),
             nm.company_word || ' ' || nm.company_suffix,
             (${sqlArray(TITLES)})[1 + (d.i * 7) % ${TITLES.length}],
             (array['manual', 'import', 'whatsapp', 'sms', 'email', 'calendly', 'api'])[1 + d.i % 7],
             d.status,
             jsonb_build_object('budget', ${dim(1)}, 'authority', ${dim(2)}, 'need', ${dim(3)}, 'timeline', ${dim(4)}),
             (25 * ((d.dims[1])::int + (d.dims[2])::int + (d.dims[3])::int + (d.dims[4])::int))::smallint,
             d.dims[1] and d.dims[2] and d.dims[3] and d.dims[4],
             ${levels}[1 + d.h],
             (d.h * 25 + 5 + (d.i % 20))::smallint,
             '[]'::jsonb,
             '{}'::jsonb, -- the scoring engine's defaults (lib/scoring engagementStateSchema)
             d.created_at + (n.at - d.created_at) * 0.9,
             d.created_by, d.created_at, d.created_at + (n.at - d.created_at) * 0.9, d.deleted_at
        from d_lead d cross join d_now n
        cross join lateral (
          select (${sqlArray(FIRST_NAMES)})[1 + (d.i * 31 + d.ord) % ${FIRST_NAMES.length}] as first,
                 (${sqlArray(LAST_NAMES)})[1 + (d.i * 17 + d.ord * 3) % ${LAST_NAMES.length}] as last,
                 (${sqlArray(COMPANY_WORDS)})[1 + (d.i * 13) % ${COMPANY_WORDS.length}] as company_word,
                 (${sqlArray(COMPANY_SUFFIXES)})[1 + (d.i * 11) % ${COMPANY_SUFFIXES.length}] as company_suffix
        ) nm`);
  });

  const conversations = size.messages / MESSAGES_PER_CONVERSATION;
  await timed(steps, `insert ${conversations.toLocaleString("en")} conversations`, async () => {
    // A random quarter of the live leads talk: one thread each, started some time after creation.
    await client.query(
      `create temp table d_conv as
       select gen_random_uuid() as id, d.id as lead_id, d.org_id, d.ord, d.owner_id, p.channel_id, p.agents, p.managers,
              case when random() < 0.6 then 'whatsapp' else 'sms' end as medium,
              random() < 0.6 as ai, -- replies by approved AI drafts (else written by a person)
              d.created_at + (n.at - d.created_at) * random() * 0.8 as started_at
         from (select * from d_lead where deleted_at is null order by random() limit $1) d
         join d_pick p on p.ord = d.ord cross join d_now n`,
      [conversations],
    );
    await client.query(`
      create temp table d_msg as
      select c.id as conversation_id, c.org_id, c.ai, c.owner_id, c.agents, c.managers, k, gen_random_uuid() as id,
             case when k % 2 = 1 then 'inbound' else 'outbound' end as direction,
             -- Replies come minutes (AI) or hours (people) after the lead's message; the second exchange a day later.
             least(n.at - interval '1 minute',
                   c.started_at + interval '1 day' * (k / 3)
                     + case when k % 2 = 0 then case when c.ai then interval '1 minute' * (2 + 28 * random())
                                                     else interval '1 minute' * (10 + 230 * random()) end
                            else interval '0' end) as at
        from d_conv c cross join d_now n cross join generate_series(1, ${MESSAGES_PER_CONVERSATION}) k`);
    await client.query(`
      insert into public.conversations (id, org_id, lead_id, channel_id, medium, status, assignee_id, mode, agent_id,
                                        last_message_at, last_message_preview, last_message_direction, last_inbound_at,
                                        unread_count, created_at, updated_at)
      select c.id, c.org_id, c.lead_id, c.channel_id, c.medium,
             (array['open', 'open', 'pending', 'closed', 'closed'])[1 + floor(random() * 5)::int],
             c.owner_id, case when c.ai then 'ai' else 'human' end,
             case when random() < 0.2 and cardinality(c.agents) > 1 then c.agents[2] end,
             last.at, left((${sqlArray(OUTBOUND)})[1], 160), 'outbound', prev.at, 0, c.started_at, last.at
        from d_conv c
        join d_msg last on last.conversation_id = c.id and last.k = ${MESSAGES_PER_CONVERSATION}
        join d_msg prev on prev.conversation_id = c.id and prev.k = ${MESSAGES_PER_CONVERSATION - 1}`);
  });

  await timed(steps, `insert ${size.messages.toLocaleString("en")} messages`, async () => {
    await client.query(`
      insert into public.messages (id, org_id, conversation_id, direction, body, status, provider, provider_message_id,
                                   author_type, author_id, created_at, status_at)
      select m.id, m.org_id, m.conversation_id, m.direction,
             case when m.direction = 'inbound' then (${sqlArray(INBOUND)})[1 + (m.k + hashtext(m.id::text) & 3)]
                  else (${sqlArray(OUTBOUND)})[1 + (m.k + hashtext(m.id::text) & 3)] end,
             case when m.direction = 'inbound' then 'received' else 'delivered' end,
             'twilio', 'SM' || replace(m.id::text, '-', ''),
             case when m.direction = 'inbound' then 'lead' when m.ai then 'agent' else 'user' end,
             case when m.direction = 'outbound' and not m.ai then coalesce(m.owner_id, m.managers[1]) end,
             m.at, m.at
        from d_msg m`);
  });

  await timed(steps, "insert hil_tasks (AI drafts, decided)", async () => {
    // Every AI reply went out through an approved draft (30% edited); every tenth reply a
    // person wrote follows a rejected draft.
    await client.query(`
      insert into public.hil_tasks (org_id, kind, status, payload, lead_id, conversation_id, agent_id, assignee_id,
                                    decided_by, decided_at, decision_note, inbound_message_id, sent_message_id,
                                    final_body, edit_distance, created_at, updated_at)
      select m.org_id, 'message_approval', t.status,
             jsonb_build_object('draft', (${sqlArray(OUTBOUND)})[2], 'bant', '{}'::jsonb, 'intent', 'question', 'heat', 'warm',
                                'confidence', 0.8, 'injection', false, 'provider', 'local', 'model', 'bench',
                                'inboundMessageId', i.id, 'usage', null),
             c.lead_id, m.conversation_id,
             coalesce(cv.agent_id, m.agents[1]),
             null,
             coalesce(m.owner_id, m.managers[1]), m.at,
             case when t.status = 'rejected' then 'Not what we offer.' end,
             i.id,
             case when t.status = 'approved' then m.id end,
             case when t.status = 'approved' then (${sqlArray(OUTBOUND)})[2] end,
             case when t.status = 'approved' then case when t.edited then 1 + floor(random() * 40)::int else 0 end end,
             m.at - interval '1 minute', m.at
        from d_msg m
        join d_conv c on c.id = m.conversation_id
        join public.conversations cv on cv.id = m.conversation_id
        join d_msg i on i.conversation_id = m.conversation_id and i.k = m.k - 1
        cross join lateral (select case when m.ai then 'approved' else 'rejected' end as status, random() < 0.3 as edited, random() as r) t
       where m.direction = 'outbound' and (m.ai or t.r < 0.1)`);
  });

  await timed(steps, "insert meetings", async () => {
    // Leads that got to a meeting (status meeting_scheduled or won, and a few qualified ones):
    // booked some time after creation, starting 1–14 days later; past ones held (10% no-show),
    // canceled or never marked; half through Calendly, the agent's link for 60% of those.
    await client.query(`
      insert into public.meetings (org_id, lead_id, owner_id, provider, provider_event_uri, provider_invitee_uri, title,
                                   starts_at, ends_at, status, no_show, canceled_at, canceled_reason, booked_at, created_at, updated_at)
      select d.org_id, d.id, d.owner_id, case when r.calendly then 'calendly' else 'manual' end,
             case when r.calendly then 'https://api.calendly.com/scheduled_events/' || d.id end,
             case when r.calendly then case when r.agent_link then 'https://api.calendly.com/invitees/agent-' else 'https://api.calendly.com/invitees/' end || d.id end,
             'Intro call', s.starts_at, s.starts_at + interval '30 minutes',
             case when s.starts_at < n.at and r.r_outcome < 0.7 then 'completed'
                  when r.r_outcome >= 0.85 then 'canceled' else 'scheduled' end,
             s.starts_at < n.at and r.r_outcome < 0.07,
             case when r.r_outcome >= 0.85 then s.booked_at + (s.starts_at - s.booked_at) / 2 end,
             case when r.r_outcome >= 0.85 then 'Schedule conflict' end,
             s.booked_at, s.booked_at, s.booked_at
        from d_lead d cross join d_now n
        cross join lateral (select random() < 0.5 as calendly, random() < 0.6 as agent_link, random() as r_outcome, random() as r_pick) r
        cross join lateral (select d.created_at + (n.at - d.created_at) * (0.5 + 0.4 * random()) as booked_at) b
        cross join lateral (select b.booked_at, b.booked_at + interval '1 day' * (1 + 13 * random()) as starts_at) s
       where d.deleted_at is null and (d.status in ('meeting_scheduled', 'won') or (d.status = 'qualified' and r.r_pick < 0.2))`);
  });

  await timed(steps, "insert lead_events (stories)", async () => {
    const levels = "(array['cold', 'warm', 'hot', 'burning'])";
    // created
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, reason_key, data, created_at)
      select org_id, id, 'created', 'system', 'created', '{}'::jsonb, created_at from d_lead`);
    // heat_changed: cold → … → final level, with an optional excursion one level up and back.
    // Step j's level is lvl(j); each step lands in its own slice of the lead's life, so they are ordered.
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, reason_key, reason_params, data, created_at)
      select d.org_id, d.id, 'heat_changed', 'system', 'heat_changed',
             jsonb_build_object('scoreFrom', f.lvl * 25 + 10, 'scoreTo', t.lvl * 25 + 10, 'lines', '[]'::jsonb),
             jsonb_build_object('from', ${levels}[1 + f.lvl], 'to', ${levels}[1 + t.lvl], 'score', t.lvl * 25 + 10),
             d.created_at + (n.at - d.created_at) * ((j - 1 + random()) / (s.steps + 1))
        from d_lead d cross join d_now n
        cross join lateral (select d.h + 2 * d.x::int as steps) s
        cross join lateral generate_series(1, s.steps) j
        cross join lateral (select case when j - 1 <= d.h then j - 1 when j - 1 = d.h + 1 then d.h + 1 else d.h end as lvl) f
        cross join lateral (select case when j <= d.h then j when j = d.h + 1 then d.h + 1 else d.h end as lvl) t
       where s.steps > 0`);
    // bant_changed per confirmed dimension, in order over the first 80% of the lead's life, then bant_qualified.
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, reason_key, data, created_at)
      select d.org_id, d.id, 'bant_changed', 'agent', 'scoring',
             jsonb_build_object('dimension', (array['budget', 'authority', 'need', 'timeline'])[k], 'status', 'confirmed', 'value', null, 'bantScore', 25 * k),
             d.created_at + (n.at - d.created_at) * ((k - 1 + random()) * 0.2)
        from d_lead d cross join d_now n cross join generate_series(1, 4) k
       where d.dims[k]`);
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, reason_key, created_at)
      select d.org_id, d.id, 'bant_qualified', 'agent', 'bant_qualified', d.created_at + (n.at - d.created_at) * 0.85
        from d_lead d cross join d_now n
       where d.dims[1] and d.dims[2] and d.dims[3] and d.dims[4]`);
    // status_changed along the path to the final status.
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason_key, reason_params, data, created_at)
      select d.org_id, d.id, 'status_changed', 'user', coalesce(d.owner_id, d.created_by), 'status_changed',
             jsonb_build_object('from', p.path[j], 'to', p.path[j + 1]), jsonb_build_object('from', p.path[j], 'to', p.path[j + 1]),
             d.created_at + (n.at - d.created_at) * ((j - 1 + random()) / cardinality(p.path))
        from d_lead d cross join d_now n
        cross join lateral (
          select case d.status
                   when 'new' then array['new']
                   when 'contacted' then array['new', 'contacted']
                   when 'qualified' then array['new', 'contacted', 'qualified']
                   when 'meeting_scheduled' then array['new', 'contacted', 'qualified', 'meeting_scheduled']
                   when 'won' then array['new', 'contacted', 'qualified', 'meeting_scheduled', 'won']
                   when 'lost' then array['new', 'contacted', 'lost']
                   else array['new', 'disqualified'] end as path
        ) p
        cross join lateral generate_series(1, cardinality(p.path) - 1) j`);
    // Meetings and AI drafts leave their own entries.
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, reason_key, evidence, created_at)
      select m.org_id, m.lead_id, 'meeting_booked', 'webhook', 'meeting_booked', jsonb_build_object('meetingId', m.id), m.booked_at
        from public.meetings m
      union all
      select m.org_id, m.lead_id, 'meeting_held', 'user', 'meeting_held', jsonb_build_object('meetingId', m.id), m.ends_at
        from public.meetings m where m.status = 'completed' and not m.no_show
      union all
      select m.org_id, m.lead_id, 'meeting_canceled', 'webhook', 'meeting_canceled', jsonb_build_object('meetingId', m.id), m.canceled_at
        from public.meetings m where m.status = 'canceled'`);
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason_key, evidence, created_at)
      select t.org_id, t.lead_id, case when t.status = 'approved' then 'ai_draft_approved' else 'ai_draft_rejected' end,
             'user', t.decided_by, case when t.status = 'approved' then 'ai_draft_approved' else 'ai_draft_rejected' end,
             jsonb_build_object('taskId', t.id), t.decided_at
        from public.hil_tasks t`);
    await client.query(`
      insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason_key, created_at)
      select d.org_id, d.id, 'deleted', 'user', d.created_by, 'deleted', d.deleted_at from d_lead d where d.deleted_at is not null`);
  });

  await timed(steps, "insert lead_events (notes and signals to the total)", async () => {
    const have = await count(client, "select count(*) as n from public.lead_events");
    const fill = size.events - have;
    if (fill < 0) throw new Error(`The stories alone make ${have} events, more than BENCH_EVENTS (${size.events}).`);
    await client.query(
      `insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason, reason_key, data, created_at)
       select d.org_id, d.id, case when s.note then 'note' else 'signal' end,
              case when s.note then 'user' else 'system' end, case when s.note then coalesce(d.owner_id, d.created_by) end,
              case when s.note then (${sqlArray(NOTES)})[1 + s.g % ${NOTES.length}] end,
              case when s.note then null else 'scoring' end,
              case when s.note then '{}'::jsonb else jsonb_build_object('signal', 'inbound_reply', 'heatScore', d.h * 25 + 10) end,
              d.created_at + (n.at - d.created_at) * random()
         from (select g, 1 + floor(random() * $2)::bigint as pick, random() < 0.3 as note from generate_series(1, $1) g) s
         join d_lead d on d.seq = s.pick
         cross join d_now n`,
      [fill, size.leads],
    );
  });
  await client.query("set session_replication_role = origin");

  for (const d of dropped) await timed(steps, `create index ${d.name}`, () => client.query(d.def));

  await timed(steps, "vacuum (analyze) the bulk tables", async () => {
    for (const t of [
      "public.leads",
      "public.lead_events",
      "public.conversations",
      "public.messages",
      "public.meetings",
      "public.hil_tasks",
      "public.ai_agents",
      "public.memberships",
      "public.organizations",
      "public.projects",
      "public.profiles",
      "auth.users",
    ]) {
      await client.query(`vacuum (analyze) ${t}`);
    }
  });

  const counts: Record<string, number> = {};
  for (const t of ["leads", "lead_events", "conversations", "messages", "meetings", "hil_tasks", "ai_agents"])
    counts[t] = await count(client, `select count(*) as n from public.${t}`);
  const { rows } = await client.query<{ org_id: string; n: number; manager_id: string; rep_id: string }>(
    `select o.id as org_id, o.n, m.id as manager_id, r.id as rep_id
       from d_org o, auth.users m, auth.users r where o.ord = 0 and m.email = $1 and r.email = $2`,
    [DASH_MANAGER_EMAIL, DASH_REP_EMAIL],
  );
  const big = rows[0]!;
  const fixture: DashboardFixture = {
    bigOrgId: big.org_id,
    bigOrgLeads: big.n,
    manager: { id: big.manager_id, email: DASH_MANAGER_EMAIL },
    rep: { id: big.rep_id, email: DASH_REP_EMAIL },
    seededAt: seededAt.toISOString(),
    counts,
  };
  await client.query(`create schema if not exists bench`);
  await client.query(
    `create table bench.dashboard_seed (version int not null, size jsonb not null, fixture jsonb not null,
                                        rebuild jsonb not null default '{}')`,
  );
  await client.query("insert into bench.dashboard_seed (version, size, fixture) values ($1, $2, $3)", [
    SEED_VERSION,
    JSON.stringify(size),
    JSON.stringify(fixture),
  ]);
  return { fixture, report: { steps, totalMs: performance.now() - start } };
}

/**
 * meetings.agent_id (the agent whose scheduling link a booking came from) arrives with the
 * activity rollups' migration, after the seed: the Calendly bookings the seed marked as made
 * through an agent's link (invitee URI …/invitees/agent-…) get their lead's conversation agent,
 * else the organization's default. Without triggers, before the rollups are (re)built.
 */
export async function attributeAgentBookings(client: pg.Client): Promise<number> {
  const column = await client.query(
    "select 1 from information_schema.columns where table_schema = 'public' and table_name = 'meetings' and column_name = 'agent_id'",
  );
  if (!column.rowCount) return 0;
  await client.query("begin");
  try {
    await client.query("set local session_replication_role = replica");
    const { rowCount } = await client.query(`
      update public.meetings m
         set agent_id = coalesce(
               (select c.agent_id from public.conversations c where c.lead_id = m.lead_id and c.agent_id is not null limit 1),
               (select a.id from public.ai_agents a where a.org_id = m.org_id and a.is_default))
       where m.provider_invitee_uri like '%/invitees/agent-%' and m.agent_id is null`);
    await client.query("commit");
    return rowCount ?? 0;
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}
