/**
 * Bulk inbox data for bench/webhooks.bench.ts: one organization ("Bench inbox
 * organization", reps see only their own leads) with BENCH_INBOX_LEADS leads (default
 * 250,000), BENCH_CONVERSATIONS conversations (default 1,000,000: every lead over up to
 * four channel × medium pairs) and BENCH_MESSAGES_PER_CONVERSATION messages in each
 * (default 5, so 5,000,000 messages).
 *
 * Same approach as bench/seed-leads.ts: set-based SQL from generate_series, secondary
 * indexes dropped before the bulk insert and rebuilt afterwards from their own definitions
 * (pg_get_indexdef), and session_replication_role = replica for the inserts so the row
 * triggers stay quiet (announce_change would pg_notify once per row; guard triggers and
 * foreign-key checks have nothing to say about rows built from the organization's own
 * members, leads and channels). Finally VACUUM ANALYZE.
 *
 * Data already there with the expected counts is reused.
 */
import pg from "pg";

export type InboxSeedSize = { leads: number; conversations: number; messagesPerConversation: number };

export type InboxFixture = {
  orgId: string;
  /** A manager: sees every conversation of the organization. */
  manager: { id: string; email: string };
  /** A rep in an organization where reps see only their own leads: sees threads assigned to them or to nobody. */
  rep: { id: string; email: string };
};

export type SeedReport = { steps: { step: string; ms: number }[]; totalMs: number };

export const INBOX_ORG_NAME = "Bench inbox organization";
export const INBOX_MANAGER_EMAIL = "inbox-manager1@bench.kiln.test";
export const INBOX_REP_EMAIL = "inbox-rep1@bench.kiln.test";
const REPS = 12;
const MANAGERS = 2;

const FIRST_NAMES = [
  "James",
  "Mary",
  "Carlos",
  "Sofia",
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
  "Ana",
  "Daniel",
  "Sarah",
  "Michael",
];
const LAST_NAMES = [
  "Smith",
  "Garcia",
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
  "Müller",
  "Meier",
  "Keller",
  "Brunner",
  "Lopez",
  "Martin",
  "Lee",
  "Brown",
];
const INBOUND_TEXTS = [
  "Hi, is the offer still valid?",
  "Can you send me the pricing for 20 panels?",
  "We'd like to start next quarter.",
  "Who else needs to sign off on this? Our CFO, probably.",
  "Thanks! 👍",
  "Could we talk tomorrow at 10?",
  "What does installation cost in Zürich?",
  "Budget is around 40k, is that realistic?",
  "Please call me back.",
  "Not interested anymore, sorry.",
];
const OUTBOUND_TEXTS = [
  "Thanks for reaching out! Happy to help.",
  "Here is the quote we discussed.",
  "Would Tuesday or Wednesday work for a call?",
  "I have booked the meeting, see you then.",
  "Just checking in — any questions on the proposal?",
];

const sqlArray = (items: string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]::text[]`;

async function timed(steps: SeedReport["steps"], step: string, fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  steps.push({ step, ms });
  console.log(`  ${step.padEnd(56)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
}

/** The fixture, when the database already holds the inbox organization at this size (null otherwise). */
export async function existingInboxFixture(client: pg.Client, size: InboxSeedSize): Promise<InboxFixture | null> {
  const ready = await client.query<{ ok: boolean }>("select to_regclass('public.conversations') is not null as ok");
  if (!ready.rows[0]?.ok) return null;
  const { rows } = await client.query<{ org_id: string; manager_id: string; rep_id: string }>(
    `select o.id as org_id, m.id as manager_id, r.id as rep_id
       from public.organizations o, auth.users m, auth.users r
      where o.name = $1 and m.email = $2 and r.email = $3`,
    [INBOX_ORG_NAME, INBOX_MANAGER_EMAIL, INBOX_REP_EMAIL],
  );
  const row = rows[0];
  if (!row) return null;
  const counts = await client.query<{ conversations: number; messages: number }>(
    `select (select count(*) from public.conversations where org_id = $1)::int as conversations,
            (select count(*) from public.messages where org_id = $1)::int as messages`,
    [row.org_id],
  );
  const c = counts.rows[0]!;
  if (c.conversations !== size.conversations || c.messages !== size.conversations * size.messagesPerConversation)
    return null;
  return {
    orgId: row.org_id,
    manager: { id: row.manager_id, email: INBOX_MANAGER_EMAIL },
    rep: { id: row.rep_id, email: INBOX_REP_EMAIL },
  };
}

/** Secondary (non-constraint) indexes of a table, to drop before a bulk load and rebuild after. */
export async function secondaryIndexes(client: pg.Client, table: string): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = $1::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [table],
  );
  return rows;
}

/**
 * Removes an earlier inbox organization (any size) and builds it again. Runs in one
 * transaction, so an interrupted run leaves nothing half-built.
 */
export async function seedConversations(
  client: pg.Client,
  size: InboxSeedSize,
): Promise<{ fixture: InboxFixture; report: SeedReport }> {
  const combos = Math.ceil(size.conversations / size.leads);
  if (combos > 4)
    throw new Error(
      "At most four conversations per lead (two Twilio numbers × SMS/WhatsApp, one WhatsApp Cloud number): raise BENCH_INBOX_LEADS.",
    );
  if (size.messagesPerConversation < 1) throw new Error("Need at least one message per conversation.");
  const steps: SeedReport["steps"] = [];
  const start = performance.now();

  await timed(steps, "remove an earlier inbox organization", async () => {
    await client.query("set session_replication_role = replica");
    try {
      // Cascades through the foreign keys by hand (replica mode skips the RI triggers).
      const { rows } = await client.query<{ id: string }>("select id from public.organizations where name = $1", [
        INBOX_ORG_NAME,
      ]);
      for (const { id } of rows) {
        await client.query("delete from public.messages where org_id = $1", [id]);
        await client.query("delete from public.conversations where org_id = $1", [id]);
        await client.query("delete from public.lead_events where org_id = $1", [id]);
        await client.query("delete from public.leads where org_id = $1", [id]);
        await client.query("delete from public.channels where org_id = $1", [id]);
        await client.query("delete from public.memberships where org_id = $1", [id]);
        await client.query("delete from public.organizations where id = $1", [id]);
      }
    } finally {
      await client.query("set session_replication_role = origin");
    }
  });

  await client.query("begin");
  await client.query("set local maintenance_work_mem = '1GB'");
  await client.query("set local work_mem = '256MB'");

  let orgId = "";
  await timed(steps, "users, organization, memberships, channels", async () => {
    await client.query(`
      create temp table bench_inbox_member on commit drop as
      select r.role, r.k, format('inbox-%s%s@bench.kiln.test', r.role, r.k) as email
        from (select 'owner' as role, 1 as k
              union all select 'manager', k from generate_series(1, ${MANAGERS}) k
              union all select 'rep', k from generate_series(1, ${REPS}) k) r`);
    await client.query(`
      insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
      select email, 'bench: no password', now(), jsonb_build_object('full_name', initcap(role) || ' ' || k || ' of the inbox org')
        from bench_inbox_member m
       where not exists (select 1 from auth.users u where u.email = m.email)`);
    const { rows } = await client.query<{ id: string }>(
      `insert into public.organizations (name, created_by, settings)
       select $1, u.id, '{"reps_see_own_leads_only": true, "default_country": "US"}'::jsonb
         from auth.users u where u.email = 'inbox-owner1@bench.kiln.test'
       returning id`,
      [INBOX_ORG_NAME],
    );
    orgId = rows[0]!.id;
    await client.query(
      `insert into public.memberships (org_id, user_id, role)
       select $1, u.id, m.role from bench_inbox_member m join auth.users u on u.email = m.email`,
      [orgId],
    );
    // Two Twilio numbers (SMS and WhatsApp on the first, SMS on the second) and one Cloud API number.
    await client.query(
      `insert into public.channels (org_id, provider, address, phone_number_id, capabilities, label)
       values ($1, 'twilio', '+15550190001', null, '{sms,whatsapp}', 'Bench inbox main line'),
              ($1, 'twilio', '+15550190002', null, '{sms}', 'Bench inbox support line'),
              ($1, 'whatsapp_cloud', '+15550190003', 'bench-inbox-cloud-1', '{whatsapp}', 'Bench inbox WhatsApp')`,
      [orgId],
    );
  });

  const dropped: { table: string; defs: { name: string; def: string }[] }[] = [];
  await timed(steps, "drop secondary indexes on leads, conversations, messages", async () => {
    for (const table of ["public.leads", "public.conversations", "public.messages"]) {
      const defs = await secondaryIndexes(client, table);
      for (const d of defs) await client.query(`drop index ${d.name}`);
      dropped.push({ table, defs });
    }
  });

  await client.query("set local session_replication_role = replica");

  await timed(steps, `insert ${size.leads.toLocaleString("en")} leads`, async () => {
    // Owners: 30% unassigned, the rest spread over the reps and managers.
    await client.query(
      `create temp table bench_inbox_pick on commit drop as
       select (select array_agg(m.user_id order by m.role, m.user_id) from public.memberships m
                where m.org_id = $1 and m.role in ('rep', 'manager')) as assignees,
              (select user_id from public.memberships where org_id = $1 and role = 'owner') as owner`,
      [orgId],
    );
    await client.query(
      `insert into public.leads (org_id, owner_id, name, phone, source, status, heat_level, heat_score, last_activity_at, created_by, created_at, updated_at)
       select $1,
              case when r.r_owner < 0.3 then null else p.assignees[1 + floor(r.r_owner2 * cardinality(p.assignees))::int] end,
              r.first || ' ' || r.last,
              '+1444' || lpad(r.g::text, 7, '0'),
              case when r.r_source < 0.6 then 'whatsapp' else 'sms' end,
              case when r.r_status < 0.4 then 'new' when r.r_status < 0.7 then 'contacted' when r.r_status < 0.85 then 'qualified' else 'lost' end,
              case when r.r_heat < 0.55 then 'cold' when r.r_heat < 0.83 then 'warm' when r.r_heat < 0.96 then 'hot' else 'burning' end,
              floor(r.r_heat * 100)::smallint,
              r.at, p.owner, r.at - interval '90 days', r.at
         from (select g,
                      (${sqlArray(FIRST_NAMES)})[1 + floor(random() * ${FIRST_NAMES.length})::int] as first,
                      (${sqlArray(LAST_NAMES)})[1 + floor(random() * ${LAST_NAMES.length})::int] as last,
                      random() as r_owner, random() as r_owner2, random() as r_source, random() as r_status, random() as r_heat,
                      now() - interval '730 days' * power(random(), 2) as at
                 from generate_series(1, ${size.leads}) g) r,
              bench_inbox_pick p`,
      [orgId],
    );
  });

  await timed(steps, `insert ${size.conversations.toLocaleString("en")} conversations`, async () => {
    // Lead n gets the pairs 0..3 in turn: conversation g is lead (g % leads), pair (g / leads).
    await client.query(
      `create temp table bench_inbox_lead on commit drop as
       select row_number() over (order by id) - 1 as n, id, owner_id from public.leads where org_id = $1`,
      [orgId],
    );
    await client.query("create unique index on bench_inbox_lead (n)");
    await client.query("analyze bench_inbox_lead");
    await client.query(
      `create temp table bench_inbox_pair on commit drop as
       select p.k, ch.id as channel_id, p.medium
         from (values (0, '+15550190001', 'whatsapp'), (1, '+15550190001', 'sms'), (2, '+15550190003', 'whatsapp'), (3, '+15550190002', 'sms'))
              as p(k, address, medium)
         join public.channels ch on ch.org_id = $1 and ch.address = p.address`,
      [orgId],
    );
    await client.query(
      `insert into public.conversations (org_id, lead_id, channel_id, medium, status, assignee_id, mode, last_message_at,
                                         last_message_preview, last_message_direction, last_inbound_at, unread_count, created_at, updated_at)
       select $1, l.id, p.channel_id, p.medium,
              case when r.r_status < 0.45 then 'open' when r.r_status < 0.55 then 'pending' else 'closed' end,
              l.owner_id,
              case when r.r_mode < 0.7 then 'ai' else 'human' end,
              r.at,
              left(case when r.inbound then (${sqlArray(INBOUND_TEXTS)})[1 + (r.g % ${INBOUND_TEXTS.length})]
                        else (${sqlArray(OUTBOUND_TEXTS)})[1 + (r.g % ${OUTBOUND_TEXTS.length})] end, 160),
              case when r.inbound then 'inbound' else 'outbound' end,
              case when r.inbound then r.at else r.at - interval '1 hour' end,
              case when r.inbound and r.r_unread < 0.35 then 1 + (r.g % 3) else 0 end,
              r.at - interval '30 days', r.at
         from (select g, g % ${size.leads} as n, g / ${size.leads} as k,
                      random() as r_status, random() as r_mode, random() as r_unread, random() < 0.6 as inbound,
                      now() - interval '730 days' * power(random(), 2) as at
                 from generate_series(0, ${size.conversations - 1}) g) r
         join bench_inbox_lead l on l.n = r.n
         join bench_inbox_pair p on p.k = r.k`,
      [orgId],
    );
  });

  const perConversation = size.messagesPerConversation;
  await timed(steps, `insert ${(size.conversations * perConversation).toLocaleString("en")} messages`, async () => {
    // Message k of n in a thread: the last one is the conversation's last message; the
    // others alternate directions backwards, a few hours apart.
    await client.query(
      `insert into public.messages (org_id, conversation_id, direction, body, media, status, provider, provider_message_id,
                                    author_type, created_at, status_at)
       select $1, c.id, m.direction,
              case when m.direction = 'inbound' then (${sqlArray(INBOUND_TEXTS)})[1 + ((m.h + k) % ${INBOUND_TEXTS.length})]
                   else (${sqlArray(OUTBOUND_TEXTS)})[1 + ((m.h + k) % ${OUTBOUND_TEXTS.length})] end,
              '[]'::jsonb,
              case when m.direction = 'inbound' then 'received' else 'delivered' end,
              ch.provider,
              case when ch.provider = 'twilio' then 'SM' || md5(c.id::text || k) else 'wamid.bench' || md5(c.id::text || k) end,
              case when m.direction = 'inbound' then 'lead' else 'agent' end,
              c.last_message_at - interval '3 hours' * (${perConversation} - k),
              c.last_message_at - interval '3 hours' * (${perConversation} - k)
         from public.conversations c
         join public.channels ch on ch.id = c.channel_id
        cross join generate_series(1, ${perConversation}) k
        cross join lateral (
          select case when ((${perConversation} - k) % 2 = 0) = (c.last_message_direction = 'inbound') then 'inbound' else 'outbound' end as direction,
                 hashtext(c.id::text) & 1023 as h
        ) m
        where c.org_id = $1`,
      [orgId],
    );
  });
  await client.query("set local session_replication_role = origin");

  for (const { defs } of dropped) {
    for (const d of defs) await timed(steps, `create index ${d.name}`, () => client.query(d.def));
  }
  await client.query("commit");

  await timed(steps, "vacuum (analyze) leads, conversations, messages, …", async () => {
    for (const t of [
      "public.leads",
      "public.conversations",
      "public.messages",
      "public.channels",
      "public.memberships",
      "public.organizations",
      "public.profiles",
      "auth.users",
    ]) {
      await client.query(`vacuum (analyze) ${t}`);
    }
  });

  const fixture = await existingInboxFixture(client, size);
  if (!fixture) throw new Error("Seeding finished but the inbox organization does not have the expected size.");
  return { fixture, report: { steps, totalMs: performance.now() - start } };
}
