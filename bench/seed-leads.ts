/**
 * Bulk data for bench/leads.bench.ts: BENCH_LEADS leads (default 1,000,000) across
 * BENCH_ORGS organizations (default 100), one of them holding BENCH_BIG_ORG (100,000).
 *
 * Set-based SQL only: users, organizations and memberships from generate_series, then
 * one `insert … select` for the leads. Like any bulk load it drops the leads table's
 * secondary indexes first and rebuilds them afterwards from their own definitions
 * (pg_get_indexdef, so they stay exactly what the migrations say), and skips row
 * triggers for the leads insert (session_replication_role = replica): the generator
 * only assigns owners that are members, which is what guard_lead_change checks.
 * Finally VACUUM ANALYZE, so statistics and the visibility map are what a live
 * database would have.
 */
import pg from "pg";

export type SeedSize = { leads: number; orgs: number; bigOrg: number };

export type Fixture = {
  bigOrgId: string;
  /** The benchmarked rep: a rep in the big organization (and in two small ones). */
  rep: { id: string; email: string };
};

export type SeedReport = { steps: { step: string; ms: number }[]; totalMs: number };

export const BIG_ORG_NAME = "Bench big organization";
export const REP_EMAIL = "o0-rep1@bench.kiln.test";

export const FIRST_NAMES = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Carlos",
  "Karen",
  "Daniel",
  "Lisa",
  "Matthew",
  "Nancy",
  "Anthony",
  "Sofia",
  "Mark",
  "Ana",
  "Noa",
  "Yael",
  "Omar",
  "Fatima",
  "Hiroshi",
  "Yuki",
  "Lars",
  "Ingrid",
  "Pierre",
  "Camille",
  "Luca",
  "Giulia",
];
export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Sanchez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Robinson",
  "Cohen",
  "Levi",
  "Tanaka",
  "Sato",
  "Nielsen",
  "Dubois",
  "Rossi",
  "Novak",
  "Kowalski",
  "Okafor",
];
export const COMPANY_WORDS = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark",
  "Wayne",
  "Hooli",
  "Vandelay",
  "Wonka",
  "Tyrell",
  "Cyberdyne",
  "Soylent",
  "Aperture",
  "Massive",
  "Oceanic",
  "Nakatomi",
  "Gringotts",
  "Dunder",
  "Prestige",
  "Monarch",
  "Northwind",
  "Contoso",
  "Fabrikam",
  "Litware",
  "Adatum",
  "Blue Yonder",
  "Tailspin",
  "Wingtip",
  "Alpine",
  "Bluefin",
];
export const COMPANY_SUFFIXES = [
  "Robotics",
  "Logistics",
  "Foods",
  "Labs",
  "Systems",
  "Holdings",
  "Media",
  "Health",
  "Energy",
  "Capital",
  "Software",
  "Retail",
  "Studios",
  "Analytics",
  "Motors",
  "Pharma",
  "Textiles",
  "Security",
  "Realty",
  "Travel",
];
export const TITLES = [
  "CEO",
  "CTO",
  "VP Sales",
  "Head of Operations",
  "Procurement Manager",
  "Founder",
  "Marketing Lead",
  "IT Director",
  "Buyer",
  "Office Manager",
];
const TAGS = [
  "enterprise",
  "smb",
  "inbound",
  "outbound",
  "webinar",
  "referral",
  "trade-show",
  "partner",
  "renewal",
  "upsell",
  "priority",
  "emea",
  "apac",
  "us",
  "trial",
];

export const sqlArray = (items: string[]) =>
  `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]::text[]`;

export async function timed(steps: SeedReport["steps"], step: string, fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  steps.push({ step, ms });
  console.log(`  ${step.padEnd(52)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
}

/** The fixture, when a database already holds data of this size (null otherwise). */
export async function existingFixture(client: pg.Client, size: SeedSize): Promise<Fixture | null> {
  const ready = await client.query<{ ok: boolean }>("select to_regclass('public.leads') is not null as ok");
  if (!ready.rows[0]?.ok) return null;
  const { rows } = await client.query<{ big_org_id: string; rep_id: string; orgs: number; leads: number; big: number }>(
    `select o.id as big_org_id, u.id as rep_id,
            (select count(*) from public.organizations)::int as orgs,
            (select count(*) from public.leads)::int as leads,
            (select count(*) from public.leads l where l.org_id = o.id)::int as big
       from public.organizations o, auth.users u
      where o.name = $1 and u.email = $2`,
    [BIG_ORG_NAME, REP_EMAIL],
  );
  const row = rows[0];
  if (!row || row.orgs !== size.orgs || row.leads !== size.leads || row.big !== size.bigOrg) return null;
  return { bigOrgId: row.big_org_id, rep: { id: row.rep_id, email: REP_EMAIL } };
}

/** Fills an empty, migrated database. */
export async function seedLeads(client: pg.Client, size: SeedSize): Promise<{ fixture: Fixture; report: SeedReport }> {
  if (size.orgs < 3 || size.bigOrg >= size.leads)
    throw new Error("Need at least 3 organizations and a big one smaller than the total.");
  const steps: SeedReport["steps"] = [];
  const start = performance.now();
  const small = size.orgs - 1;

  await client.query("begin");
  await client.query("set local maintenance_work_mem = '1GB'");
  await client.query("set local work_mem = '256MB'");

  // Members per organization: the big one has an owner, an admin, 2 managers and 12 reps;
  // every other one an owner, a manager and 2 reps.
  await timed(steps, "users, organizations, memberships, projects", async () => {
    await client.query(`
      create temp table bench_member on commit drop as
      select o as ord, r.role, r.k, format('o%s-%s%s@bench.kiln.test', o, r.role, r.k) as email
        from generate_series(0, ${size.orgs - 1}) o
        cross join lateral (
          select 'owner' as role, 1 as k
          union all select 'admin', 1 where o = 0
          union all select 'manager', k from generate_series(1, case when o = 0 then 2 else 1 end) k
          union all select 'rep', k from generate_series(1, case when o = 0 then 12 else 2 end) k
        ) r`);
    await client.query(`
      insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
      select email, 'bench: no password', now(), jsonb_build_object('full_name', initcap(role) || ' ' || k || ' of org ' || ord)
        from bench_member`);
    await client.query(`
      create temp table bench_org on commit drop as
      select o as ord, gen_random_uuid() as id from generate_series(0, ${size.orgs - 1}) o`);
    await client.query(
      `insert into public.organizations (id, name, created_by)
       select b.id, case when b.ord = 0 then $1 else 'Bench organization ' || b.ord end, u.id
         from bench_org b join auth.users u on u.email = format('o%s-owner1@bench.kiln.test', b.ord)`,
      [BIG_ORG_NAME],
    );
    await client.query(`
      insert into public.memberships (org_id, user_id, role)
      select b.id, u.id, m.role
        from bench_member m join bench_org b using (ord) join auth.users u on u.email = m.email`);
    // Real users belong to more than one organization: the benchmarked rep is also a rep in two small ones.
    await client.query(
      `insert into public.memberships (org_id, user_id, role)
       select b.id, (select id from auth.users where email = $1), 'rep' from bench_org b where b.ord in (1, 2)`,
      [REP_EMAIL],
    );
    await client.query(`
      insert into public.projects (org_id, name, created_by)
      select b.id, p.name, o.created_by
        from bench_org b join public.organizations o on o.id = b.id
        cross join unnest(array['Inbound', 'Partners', 'Enterprise']) p(name)`);
  });

  const { rows: defs } = await client.query<{ name: string; def: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i
     where i.indrelid = 'public.leads'::regclass
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
  await timed(steps, `drop ${defs.length} secondary indexes on leads`, async () => {
    for (const d of defs) await client.query(`drop index ${d.name}`);
  });

  await timed(steps, `insert ${size.leads.toLocaleString("en")} leads`, async () => {
    // Per organization: its members (the owner first) and projects as arrays, indexed by ord.
    await client.query(`
      create temp table bench_org_pick on commit drop as
      select b.ord, b.id,
             (select array_agg(m.user_id order by private.role_rank(m.role) desc, m.user_id) from public.memberships m where m.org_id = b.id) as members,
             (select array_agg(p.id) from public.projects p where p.org_id = b.id) as projects
        from bench_org b`);
    await client.query("analyze bench_org_pick");
    await client.query("set local session_replication_role = replica");
    await client.query(`
      insert into public.leads (
        org_id, project_id, owner_id, name, email, phone, company, title, source, status, tags,
        bant, bant_score, bant_qualified, heat_level, heat_score, heat_explanation, engagement,
        last_activity_at, created_by, created_at, updated_at, deleted_at)
      select o.id,
             case when r.r_project < 0.4 then o.projects[1 + (r.g % 3)] end,
             case when r.r_owner < 0.15 then null else o.members[1 + floor(r.r_owner2 * cardinality(o.members))::int] end,
             r.first || ' ' || r.last,
             case when r.r_email < 0.9 then lower(r.first || '.' || r.last || '.' || r.g || '@' || replace(r.company_word, ' ', '') || '.example') end,
             case when r.r_phone < 0.7 then '+1555' || lpad(r.g::text, 7, '0') end,
             case when r.r_company < 0.85 then r.company_word || ' ' || r.company_suffix end,
             case when r.r_title < 0.6 then (${sqlArray(TITLES)})[1 + (r.g * 7) % ${TITLES.length}] end,
             (array['manual', 'import', 'import', 'whatsapp', 'sms', 'voice', 'email', 'email', 'calendly', 'api'])[1 + floor(r.r_source * 10)::int],
             case when r.r_status < 0.30 then 'new' when r.r_status < 0.55 then 'contacted' when r.r_status < 0.70 then 'qualified'
                  when r.r_status < 0.78 then 'meeting_scheduled' when r.r_status < 0.83 then 'won' when r.r_status < 0.93 then 'lost'
                  else 'disqualified' end,
             array_remove(array[
               case when r.r_tag1 < 0.6 then (${sqlArray(TAGS)})[1 + r.g % 15] end,
               case when r.r_tag2 < 0.25 then (${sqlArray(TAGS)})[1 + (r.g % 15 + 1 + (r.g / 15) % 14) % 15] end
             ], null),
             jsonb_build_object(
               'budget', jsonb_build_object('status', case when r.r_bant < 0.5 then 'unknown' else 'confirmed' end, 'value', null, 'evidence', null),
               'authority', jsonb_build_object('status', case when r.r_bant < 0.6 then 'unknown' else 'confirmed' end, 'value', null, 'evidence', null),
               'need', jsonb_build_object('status', case when r.r_bant < 0.3 then 'unknown' else 'confirmed' end, 'value', null, 'evidence', null),
               'timeline', jsonb_build_object('status', case when r.r_bant < 0.7 then 'unknown' else 'confirmed' end, 'value', null, 'evidence', null)),
             floor(r.r_bant * 100)::int,
             r.r_bant >= 0.7,
             h.level,
             h.score,
             jsonb_build_array(jsonb_build_object('key', 'legacy', 'params', jsonb_build_object('text', 'Replied ' || (r.g % 5) || ' times in the last 30 days')),
                               jsonb_build_object('key', 'legacy', 'params', jsonb_build_object('text', 'BANT score ' || floor(r.r_bant * 100)::int))),
             jsonb_build_object('replies', r.g % 5, 'meetings', r.g % 2, 'lastReplyAt', null),
             r.last_activity_at,
             o.members[1],
             r.last_activity_at - interval '200 days' * r.r_created,
             r.last_activity_at,
             case when r.r_deleted < 0.02 then now() - interval '20 days' * r.r_created end
        from (
          -- Row g: the first BENCH_BIG_ORG rows go to the big organization, the rest round-robin.
          select g,
                 case when g <= ${size.bigOrg} then 0 else 1 + (g - ${size.bigOrg} - 1) % ${small} end as ord,
                 (${sqlArray(FIRST_NAMES)})[1 + floor(random() * ${FIRST_NAMES.length})::int] as first,
                 (${sqlArray(LAST_NAMES)})[1 + floor(random() * ${LAST_NAMES.length})::int] as last,
                 (${sqlArray(COMPANY_WORDS)})[1 + floor(random() * ${COMPANY_WORDS.length})::int] as company_word,
                 (${sqlArray(COMPANY_SUFFIXES)})[1 + floor(random() * ${COMPANY_SUFFIXES.length})::int] as company_suffix,
                 random() as r_heat, random() as r_score, random() as r_status, random() as r_owner, random() as r_owner2,
                 random() as r_project, random() as r_email, random() as r_phone, random() as r_company, random() as r_title,
                 random() as r_source, random() as r_tag1, random() as r_tag2, random() as r_bant, random() as r_created,
                 random() as r_deleted,
                 -- Activity is skewed toward the recent past, over two years.
                 now() - interval '730 days' * power(random(), 2) as last_activity_at
            from generate_series(1, ${size.leads}) g
        ) r
        join bench_org_pick o on o.ord = r.ord
        cross join lateral (
          select case when r.r_heat < 0.55 then 'cold' when r.r_heat < 0.83 then 'warm' when r.r_heat < 0.96 then 'hot' else 'burning' end as level,
                 case when r.r_heat < 0.55 then floor(r.r_score * 30) when r.r_heat < 0.83 then 30 + floor(r.r_score * 30)
                      when r.r_heat < 0.96 then 60 + floor(r.r_score * 25) else 85 + floor(r.r_score * 16) end::smallint as score
        ) h`);
    await client.query("set local session_replication_role = origin");
  });

  for (const d of defs) {
    await timed(steps, `create index ${d.name}`, () => client.query(d.def));
  }
  await client.query("commit");

  await timed(steps, "vacuum (analyze) leads, memberships, …", async () => {
    for (const t of [
      "public.leads",
      "public.memberships",
      "public.organizations",
      "public.projects",
      "public.profiles",
      "auth.users",
    ]) {
      await client.query(`vacuum (analyze) ${t}`);
    }
  });

  const fixture = await existingFixture(client, size);
  if (!fixture) throw new Error("Seeding finished but the data does not have the expected size.");
  return { fixture, report: { steps, totalMs: performance.now() - start } };
}
