/**
 * npm run bench:webhooks [-- --build] [-- --regenerate] [-- --skip-load] [-- --skip-list]
 *
 * Inbound webhooks under load, end to end through the production server, and the inbox
 * list at scale.
 *
 * 1. Database (BENCH_DATABASE_URL, default the local `kiln_bench_webhooks`, created when
 *    missing and dropped + recreated with --regenerate — never point it at a database you
 *    care about): migrated, then an inbox organization with 1,000,000 conversations and
 *    5,000,000 messages (bench/seed-conversations.ts; reused when already there), so the
 *    webhooks write into tables and indexes of a realistic size. A fresh "Bench webhook
 *    organization" with a Twilio number (SMS + WhatsApp), a WhatsApp Cloud API number and
 *    5,000 existing leads receives the load (the earlier one and every stored webhook event
 *    are removed first; statistics are refreshed after it is created).
 * 2. Server: `next start` from BENCH_APP_DIR (default the current folder; `next build` runs
 *    there first when .next has no build or a build without the webhook routes, or with
 *    --build) on a free port, NODE_ENV=production, jobs inline, bench-only provider secrets.
 * 3. Load: autocannon at each rate of BENCH_RATES (default 50,100,200 requests/s) for
 *    BENCH_SECONDS (default 30) with `overallRate` and up to BENCH_CONNECTIONS (default 20)
 *    connections (the largest count ≤ 20 that divides the rate, so every connection gets the
 *    same whole number of requests per second and `amount` = rate × seconds is exact).
 *    Every request is generated on the fly in setupRequest and signed the way the provider
 *    signs it: half Twilio (form body, X-Twilio-Signature from the twilio SDK over APP_URL +
 *    path; WhatsApp and SMS senders), half WhatsApp Cloud API (JSON envelope,
 *    X-Hub-Signature-256). About 70% of the originals come from a new number (a new lead),
 *    30% from a known number (one of the organization's existing leads or an earlier
 *    sender); BENCH_DUPLICATES (default 10%) of the requests are exact resends (body +
 *    signature) of a recently acknowledged one. Note that autocannon paces per connection:
 *    each sends its share of a second back to back when the second starts, so requests
 *    arrive in bursts of up to `connections` at once (BENCH_PACED=1 adds an evenly paced
 *    open-loop run for comparison). Latency is the acknowledgement: autocannon's response
 *    time of each request. Coordinated-omission correction is off: with overallRate
 *    autocannon would back-fill one synthetic sample per millisecond of every response,
 *    which measures nothing real.
 *    After each rate the bench waits for `inbound_events` to have no pending event
 *    (processing runs in after() in the same server) and reports how long that took, the
 *    processing lag (processed_at - received_at), the CPU each party used (server, Postgres,
 *    this process, anything else on the machine, hypervisor steal), the CPU milliseconds per
 *    request, and what the app's connections waited on.
 * 4. Integrity: every unique event acknowledged is one inbound_events row and one inbound
 *    message; leads and conversations match the distinct senders and threads sent; lost and
 *    duplicated are counted from the ids themselves.
 * 5. The inbox list (listConversations from lib/inbox/queries.ts) on the 1M-conversation
 *    organization, as a manager and as a rep who sees only their own and unassigned
 *    threads: first page, status=open, assigned to me, unread, keyset page 2. Variants
 *    alternate op by op (bench/measure.ts): rls = a transaction shaped exactly like
 *    withRls(); service = the same query as service_role (bypasses RLS, same claims round
 *    trip), the baseline of the ratio; owner = plain transaction as the table owner.
 *
 * Env: BENCH_RATES, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_DUPLICATES (0..1),
 * BENCH_REPEAT_SENDERS (0..1, default 0.3), BENCH_APP_DIR, BENCH_PORT, BENCH_POOL_MAX
 * (the server's DATABASE_POOL_MAX, default the app's), BENCH_SETTLE_TIMEOUT (seconds, 300),
 * BENCH_N_LIST (iterations per list query, 50), BENCH_WEBHOOK_ORG_LEADS (leads the receiving
 * organization already has, 5,000), BENCH_INBOX_LEADS / BENCH_CONVERSATIONS /
 * BENCH_MESSAGES_PER_CONVERSATION (250,000 / 1,000,000 / 5), BENCH_CPU_PROF=1 (profile the
 * server with --cpu-prof and print where its time went), BENCH_PACED=1 (after the autocannon
 * runs, the same rates again from an open-loop generator that spaces requests evenly: tells
 * autocannon's per-second bursts apart from what the server can do), BENCH_UNROUTABLE=1
 * (a diagnostic: every delivery goes to a number no organization owns, so processing is a
 * single lookup and what remains is the cost of acknowledging), BENCH_LABEL.
 * Results: tables on stdout, the headline numbers appended to bench/results/webhooks.json (committed),
 * everything in bench/results/raw/webhooks-<date>.json (git-ignored).
 */
import { execFileSync } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { actAs, type Claims, type Tx } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import type { Driver } from "@/lib/db/types";
import { listConversations } from "@/lib/inbox/queries";
import { listConversationsQuerySchema } from "@/lib/inbox/schema";
import { sampleInterleaved, type Stats } from "./measure";
import {
  existingInboxFixture,
  seedConversations,
  type InboxFixture,
  type InboxSeedSize,
  type SeedReport,
} from "./seed-conversations";
import { adminUrl, recording, withClient, withRlsOn } from "./db";
import { benchAppEnv, twilioSignature } from "./http";
import { saveRun, webhooksSummary } from "./results";
import { ensureBuild as ensureAppBuild, startServer as startAppServer, type Server } from "./server";

// Bench-only secrets: the server verifies with them, this process signs with them.
const SECRETS = {
  AUTH_SECRET: "kiln-bench-webhooks-auth-secret-not-for-production",
  ENCRYPTION_KEY: Buffer.alloc(32, 11).toString("base64"),
  TWILIO_ACCOUNT_SID: `AC${"b".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "kiln-bench-twilio-auth-token",
  WHATSAPP_APP_SECRET: "kiln-bench-whatsapp-app-secret",
  WHATSAPP_VERIFY_TOKEN: "kiln-bench-whatsapp-verify-token",
};
// Cursors of the list benchmark are sealed with AUTH_SECRET in this process.
process.env.AUTH_SECRET = SECRETS.AUTH_SECRET;
process.env.ENCRYPTION_KEY = SECRETS.ENCRYPTION_KEY;

const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/kiln_bench_webhooks";
const ARGS = new Set(process.argv.slice(2));
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const RATES = (process.env.BENCH_RATES ?? "50,100,200")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const SECONDS = num("BENCH_SECONDS", 30);
const MAX_CONNECTIONS = num("BENCH_CONNECTIONS", 20);
const DUPLICATES = num("BENCH_DUPLICATES", 0.1);
const REPEAT_SENDERS = num("BENCH_REPEAT_SENDERS", 0.3);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? process.cwd());
const SETTLE_TIMEOUT_S = num("BENCH_SETTLE_TIMEOUT", 300);
const N_LIST = num("BENCH_N_LIST", 50);
const WEBHOOK_ORG_LEADS = num("BENCH_WEBHOOK_ORG_LEADS", 5_000);
const CPU_PROF = process.env.BENCH_CPU_PROF === "1";
const PACED = process.env.BENCH_PACED === "1";
const INBOX: InboxSeedSize = {
  leads: num("BENCH_INBOX_LEADS", 250_000),
  conversations: num("BENCH_CONVERSATIONS", 1_000_000),
  messagesPerConversation: num("BENCH_MESSAGES_PER_CONVERSATION", 5),
};
const TARGET = { p50Ms: 20, p99Ms: 100, atRate: 200, listMs: 5 };

const WEBHOOK_ORG_NAME = "Bench webhook organization";
const WEBHOOK_OWNER_EMAIL = "webhooks-owner@bench.kiln.test";
const TWILIO_NUMBER = "+41445550100";
const CLOUD_NUMBER = "+41445550101";
const CLOUD_PHONE_NUMBER_ID = "109900000000101";
/** Diagnostic (BENCH_UNROUTABLE=1): deliveries to numbers nobody owns, so processing is one lookup and the ack path stands alone. */
const UNROUTABLE = process.env.BENCH_UNROUTABLE === "1";
const TO_TWILIO = UNROUTABLE ? "+41445559999" : TWILIO_NUMBER;
const TO_CLOUD_ID = UNROUTABLE ? "109900000009999" : CLOUD_PHONE_NUMBER_ID;
const CLOUD_WABA_ID = "209900000000101";

// ---------------------------------------------------------------------------
// Small helpers.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);
  return {
    n: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------
// Database.

async function prepareDatabase(): Promise<{ inbox: InboxFixture | null; seed: SeedReport | null }> {
  const { admin, database } = adminUrl(BENCH_URL);
  if (database === "kiln_test" || database === "kiln_bench")
    throw new Error(`Refusing to use ${database}: other suites use it. Point BENCH_DATABASE_URL elsewhere.`);
  const ident = `"${database.replace(/"/g, '""')}"`;
  await withClient(admin, async (c) => {
    if (ARGS.has("--regenerate")) await c.query(`drop database if exists ${ident} with (force)`);
    const exists = (await c.query("select 1 from pg_database where datname = $1", [database])).rowCount === 1;
    if (!exists) await c.query(`create database ${ident}`);
  });
  const driver = openPostgres(BENCH_URL, 2);
  try {
    const applied = await migrate(driver);
    if (applied.length) console.log(`Applied ${applied.length} migrations to ${database}.`);
  } finally {
    await driver.close();
  }
  if (ARGS.has("--skip-list")) return { inbox: null, seed: null };
  return withClient(BENCH_URL, async (c) => {
    const existing = await existingInboxFixture(c, INBOX);
    if (existing) {
      console.log(
        `Reusing the inbox organization in ${database} (${INBOX.conversations.toLocaleString("en")} conversations; --regenerate builds it again).`,
      );
      return { inbox: existing, seed: null };
    }
    console.log(
      `Generating ${INBOX.conversations.toLocaleString("en")} conversations and ${(INBOX.conversations * INBOX.messagesPerConversation).toLocaleString("en")} messages over ${INBOX.leads.toLocaleString("en")} leads in ${database} …`,
    );
    const { fixture, report } = await seedConversations(c, INBOX);
    console.log(`Generated in ${(report.totalMs / 1000).toFixed(1)} s.\n`);
    return { inbox: fixture, seed: report };
  });
}

type WebhookOrg = { orgId: string; existingPhones: string[] };

/**
 * A fresh organization for the webhooks to land in, with BENCH_WEBHOOK_ORG_LEADS leads it
 * already had (some senders are existing leads), and no stored webhook events. Statistics
 * are refreshed afterwards, as autovacuum would have done for an organization that has been
 * around for a while; with BENCH_WEBHOOK_ORG_LEADS=0 the organization is brand new and
 * unknown to the planner's statistics.
 */
async function resetWebhookOrganization(): Promise<WebhookOrg> {
  return withClient(BENCH_URL, async (c) => {
    await c.query("begin");
    await c.query("delete from public.organizations where name = $1", [WEBHOOK_ORG_NAME]); // cascades to its leads, threads, messages
    await c.query("delete from public.inbound_events where provider in ('twilio', 'whatsapp_cloud')");
    await c.query(
      `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
       select $1::text, 'bench: no password', now(), '{"full_name": "Webhook bench owner"}'::jsonb
        where not exists (select 1 from auth.users where email = $1::text)`,
      [WEBHOOK_OWNER_EMAIL],
    );
    const { rows } = await c.query<{ id: string }>(
      `insert into public.organizations (name, created_by) select $1, id from auth.users where email = $2 returning id`,
      [WEBHOOK_ORG_NAME, WEBHOOK_OWNER_EMAIL],
    );
    const orgId = rows[0]!.id;
    await c.query(
      `insert into public.memberships (org_id, user_id, role) select $1, id, 'owner' from auth.users where email = $2`,
      [orgId, WEBHOOK_OWNER_EMAIL],
    );
    await c.query(
      `insert into public.channels (org_id, provider, address, phone_number_id, capabilities, label)
       values ($1, 'twilio', $2, null, '{sms,whatsapp}', 'Bench Twilio number'),
              ($1, 'whatsapp_cloud', $3, $4, '{whatsapp}', 'Bench WhatsApp Cloud number')`,
      [orgId, TWILIO_NUMBER, CLOUD_NUMBER, CLOUD_PHONE_NUMBER_ID],
    );
    // Live mode: deliveries are routed to the organization a platform admin allocated the number to.
    await c.query(
      `insert into public.number_allocations (provider, number, org_id) values ('twilio', $2, $1), ('whatsapp_cloud', $3, $1)`,
      [orgId, TWILIO_NUMBER, CLOUD_PHONE_NUMBER_ID],
    );
    // Existing leads: Swiss +4176… numbers (new senders use +4179… and +447400…).
    const { rows: phones } = await c.query<{ phone: string }>(
      `insert into public.leads (org_id, name, phone, source, status, heat_level, heat_score, last_activity_at, created_at)
       select $1, 'Existing lead ' || g, '+4176' || lpad(g::text, 7, '0'), 'import', 'contacted',
              (array['cold', 'warm', 'hot'])[1 + g % 3], (g % 3) * 30 + 10, now() - interval '1 day' * (g % 300), now() - interval '1 year'
         from generate_series(1, $2::int) g
       returning phone`,
      [orgId, WEBHOOK_ORG_LEADS],
    );
    await c.query("commit");
    await c.query("vacuum (analyze) public.inbound_events, public.leads, public.conversations, public.channels");
    return { orgId, existingPhones: phones.map((r) => r.phone) };
  });
}

// ---------------------------------------------------------------------------
// The server.

const ensureBuild = () => ensureAppBuild(APP_DIR, "api/webhooks/whatsapp/route.js", ARGS.has("--build"));

const startServer = () =>
  startAppServer({
    name: "webhooks",
    appDir: APP_DIR,
    cpuProfile: CPU_PROF,
    port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined,
    env: () => ({
      ...benchAppEnv(SECRETS, BENCH_URL, "webhooks"),
      ...(process.env.BENCH_POOL_MAX ? { DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX } : {}),
    }),
  });

// ---------------------------------------------------------------------------
// CPU accounting from /proc: the server's process group, Postgres, this process, the rest.

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

type CpuSnapshot = {
  at: number;
  server: number;
  postgres: number;
  bench: number;
  busy: number;
  steal: number;
  total: number;
};

function cpuSnapshot(serverPgid: number | undefined): CpuSnapshot {
  let server = 0;
  let postgres = 0;
  let bench = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    const pgrp = Number(fields[2]);
    if (serverPgid && pgrp === serverPgid) server += ticks;
    else if (comm.startsWith("postgres")) postgres += ticks;
    else if (Number(entry) === process.pid) bench += ticks;
  }
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  const busy = user + nice + system + irq + softirq + steal;
  return { at: performance.now(), server, postgres, bench, busy, steal, total: busy + idle + iowait };
}

/** Cores used by each party between two snapshots (1.00 = one full core). */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot) {
  const seconds = (b.at - a.at) / 1000;
  const cores = (ticks: number) => round(ticks / CLK_TCK / seconds);
  const server = cores(b.server - a.server);
  const postgres = cores(b.postgres - a.postgres);
  const bench = cores(b.bench - a.bench);
  const busy = cores(b.busy - a.busy);
  // Steal: time the hypervisor gave this VM's CPUs to someone else.
  const steal = cores(b.steal - a.steal);
  return {
    seconds: round(seconds, 1),
    server,
    postgres,
    bench,
    other: round(Math.max(0, busy - steal - server - postgres - bench)),
    steal,
    busy,
    cores: os.cpus().length,
  };
}

// ---------------------------------------------------------------------------
// Deliveries: signed the way Twilio and Meta sign them.

type Delivery = {
  eventId: string;
  provider: "twilio" | "whatsapp_cloud";
  medium: "sms" | "whatsapp";
  sender: string; // E.164
  path: string;
  headers: Record<string, string>;
  body: string;
};

const FIRST = [
  "Anna",
  "Luca",
  "Sofia",
  "Noah",
  "Mia",
  "Elias",
  "Lea",
  "Finn",
  "Emma",
  "Leon",
  "Yara",
  "Omar",
  "Chiara",
  "Jonas",
  "Amira",
  "Tom",
];
const LAST = [
  "Müller",
  "Meier",
  "Schmid",
  "Keller",
  "Weber",
  "Huber",
  "Brunner",
  "Rossi",
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Cohen",
  "Garcia",
];
const TEXTS = [
  "Hi! I saw your ad, do you install solar panels in Zürich?",
  "Yes, tomorrow at 10 works for me.",
  "What would 20 panels cost roughly?",
  "Our budget is about CHF 35'000, is that realistic for a family house?",
  "I need to check with my wife first, she decides on this too 🙂",
  "Can you send me the offer by email?",
  "Thanks 👍",
  "We want it done before winter, ideally October.",
  "Not interested anymore, please remove my number.",
  "Hello, is anyone there? I have been waiting for an answer since Monday. We are comparing three offers and would like to decide by the end of the month, so it would be great if you could call me back this week.",
];

class Traffic {
  private senderCount = 0;
  private senders: string[] = [];
  /** Originals acknowledged so far (most recent last): the pool duplicates are drawn from. */
  private acked: Delivery[] = [];
  readonly originals = new Map<
    string,
    { delivery: Delivery; sent: number; ok: number; statuses: Record<string, number> }
  >();
  duplicatesSent = 0;

  constructor(
    private readonly appUrl: string,
    existingSenders: string[],
  ) {
    this.senders.push(...existingSenders);
  }

  private newSender(): string {
    const n = this.senderCount++;
    // Swiss and UK mobile numbers, all valid for libphonenumber.
    const sender =
      n % 2 === 0
        ? `+4179${String(1_000_000 + Math.floor(n / 2)).slice(-7)}`
        : `+447400${String(100_000 + Math.floor(n / 2)).slice(-6)}`;
    this.senders.push(sender);
    return sender;
  }

  /** The next request: a resend of a recently acknowledged one, or a new signed delivery. */
  next(): { delivery: Delivery; duplicate: boolean } {
    if (this.acked.length && Math.random() < DUPLICATES) {
      this.duplicatesSent++;
      const recent = this.acked.slice(-500);
      return { delivery: pick(recent), duplicate: true };
    }
    const sender = this.senders.length && Math.random() < REPEAT_SENDERS ? pick(this.senders) : this.newSender();
    const r = Math.random();
    const delivery = r < 0.5 ? this.cloud(sender) : this.twilio(sender, r < 0.8 ? "whatsapp" : "sms");
    this.originals.set(delivery.eventId, { delivery, sent: 0, ok: 0, statuses: {} });
    return { delivery, duplicate: false };
  }

  sent(delivery: Delivery) {
    this.originals.get(delivery.eventId)!.sent++;
  }

  answered(delivery: Delivery, status: number) {
    const entry = this.originals.get(delivery.eventId)!;
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      if (entry.ok === 0) this.acked.push(delivery);
      entry.ok++;
    }
  }

  private twilio(sender: string, medium: "sms" | "whatsapp"): Delivery {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const body = pick(TEXTS);
    const from = medium === "whatsapp" ? `whatsapp:${sender}` : sender;
    const to = medium === "whatsapp" ? `whatsapp:${TO_TWILIO}` : TO_TWILIO;
    // The parameters Twilio posts for an inbound message, in its order.
    const params: Record<string, string> =
      medium === "whatsapp"
        ? {
            SmsMessageSid: sid,
            NumMedia: "0",
            ProfileName: `${pick(FIRST)} ${pick(LAST)}`,
            MessageType: "text",
            SmsSid: sid,
            WaId: sender.slice(1),
            SmsStatus: "received",
            Body: body,
            To: to,
            NumSegments: "1",
            ReferralNumMedia: "0",
            MessageSid: sid,
            AccountSid: SECRETS.TWILIO_ACCOUNT_SID,
            From: from,
            ApiVersion: "2010-04-01",
          }
        : {
            ToCountry: "CH",
            ToState: "",
            SmsMessageSid: sid,
            NumMedia: "0",
            ToCity: "",
            FromZip: "",
            SmsSid: sid,
            FromState: "",
            SmsStatus: "received",
            FromCity: "",
            Body: body,
            FromCountry: sender.startsWith("+41") ? "CH" : "GB",
            To: to,
            ToZip: "",
            NumSegments: "1",
            ReferralNumMedia: "0",
            MessageSid: sid,
            AccountSid: SECRETS.TWILIO_ACCOUNT_SID,
            From: from,
            ApiVersion: "2010-04-01",
          };
    const pathname = "/api/webhooks/twilio/messaging";
    const signature = twilioSignature(SECRETS.TWILIO_AUTH_TOKEN, this.appUrl, pathname, params);
    return {
      eventId: sid,
      provider: "twilio",
      medium,
      sender,
      path: pathname,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signature,
        "i-twilio-idempotency-token": randomUUID(),
        "user-agent": "TwilioProxy/1.1",
      },
      body: new URLSearchParams(params).toString(),
    };
  }

  private cloud(sender: string): Delivery {
    const id = `wamid.${randomBytes(30).toString("base64url")}`;
    const waId = sender.slice(1);
    const envelope = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: CLOUD_WABA_ID,
          changes: [
            {
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: CLOUD_NUMBER.slice(1), phone_number_id: TO_CLOUD_ID },
                contacts: [{ profile: { name: `${pick(FIRST)} ${pick(LAST)}` }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    text: { body: pick(TEXTS) },
                    type: "text",
                  },
                ],
              },
              field: "messages",
            },
          ],
        },
      ],
    };
    const body = JSON.stringify(envelope);
    return {
      eventId: id,
      provider: "whatsapp_cloud",
      medium: "whatsapp",
      sender,
      path: "/api/webhooks/whatsapp",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", SECRETS.WHATSAPP_APP_SECRET).update(body).digest("hex")}`,
        "user-agent": "facebookexternalua",
      },
      body,
    };
  }
}

// ---------------------------------------------------------------------------
// One rate.

/** The largest connection count ≤ max that divides the rate (each connection then sends rate/connections per second). */
function connectionsFor(rate: number): number {
  for (let c = Math.min(MAX_CONNECTIONS, rate); c > 1; c--) if (rate % c === 0) return c;
  return 1;
}

type WaitSample = Record<string, number>;

/** What the app's database connections are doing, sampled every 100 ms during the load. */
function sampleWaits(): { stop: () => Promise<{ samples: number; active: number; waits: WaitSample }> } {
  const client = new pg.Client({ connectionString: BENCH_URL, application_name: "kiln-bench-sampler" });
  const waits: WaitSample = {};
  let samples = 0;
  let active = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU') as what, count(*)::int as n
           from pg_stat_activity
          where datname = current_database() and application_name = 'kiln' and state = 'active'
          group by 1`,
      );
      samples++;
      for (const r of rows) {
        waits[r.what] = (waits[r.what] ?? 0) + r.n;
        active += r.n;
      }
      await sleep(100);
    }
    await client.end();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { samples, active, waits };
    },
  };
}

async function pendingEvents(c: pg.Client): Promise<number> {
  return (await c.query<{ n: number }>("select count(*)::int as n from public.inbound_events where state = 'pending'"))
    .rows[0]!.n;
}

type RateResult = Awaited<ReturnType<typeof runRate>>;

/** What one load run saw from the client side. */
type LoadOutcome = {
  latencies: number[];
  statuses: Record<string, number>;
  requests: number;
  duplicates: number;
  unique: number;
  errors: number;
  timeouts: number;
  durationS: number;
  autocannon: {
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    max: number;
    mean: number;
    stddev: number;
  } | null;
};

/** Counts what goes out and comes back, for either generator. */
function tally() {
  const t = {
    latencies: [] as number[],
    statuses: {} as Record<string, number>,
    requests: 0,
    duplicates: 0,
    unique: new Set<string>(),
  };
  return {
    t,
    sent(delivery: Delivery, duplicate: boolean) {
      t.requests++;
      if (duplicate) t.duplicates++;
      else t.unique.add(delivery.eventId);
    },
    answered(status: number) {
      t.statuses[status] = (t.statuses[status] ?? 0) + 1;
    },
  };
}

/**
 * autocannon, as the issue asks: overallRate split evenly over the connections, `amount`
 * requests, each generated and signed in setupRequest. Each connection sends its share of
 * a second back to back at the start of every second, so arrivals come in bursts of up to
 * `connections` concurrent requests.
 */
async function loadAutocannon(
  server: Server,
  traffic: Traffic,
  rate: number,
  connections: number,
): Promise<LoadOutcome> {
  const { t, sent, answered } = tally();
  type Ctx = { delivery?: Delivery };
  let finish!: (value: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: server.appUrl,
      connections,
      overallRate: rate,
      amount: rate * SECONDS,
      pipelining: 1,
      timeout: 10,
      ignoreCoordinatedOmission: true,
      requests: [
        {
          method: "POST",
          setupRequest: (request, context) => {
            const { delivery, duplicate } = traffic.next();
            (context as Ctx).delivery = delivery;
            traffic.sent(delivery);
            sent(delivery, duplicate);
            return {
              ...request,
              method: "POST",
              path: delivery.path,
              headers: { ...delivery.headers },
              body: delivery.body,
            };
          },
          onResponse: (status, _body, context) => {
            const delivery = (context as Ctx).delivery;
            if (delivery) traffic.answered(delivery, status);
            answered(status);
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  // The tracker passes the client first, then status, bytes and response time (ms).
  (instance as unknown as NodeJS.EventEmitter).on("response", (...args: unknown[]) => {
    const status = args[1] as number;
    if (status >= 200 && status < 300) t.latencies.push(args[3] as number);
  });
  const result = await finished;
  const l = result.latency;
  return {
    latencies: t.latencies,
    statuses: t.statuses,
    requests: t.requests,
    duplicates: t.duplicates,
    unique: t.unique.size,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    autocannon: { p50: l.p50, p90: l.p90, p97_5: l.p97_5, p99: l.p99, max: l.max, mean: l.mean, stddev: l.stddev },
  };
}

/**
 * Open loop at an even pace (BENCH_PACED=1, a diagnostic): request i is due at i / rate
 * seconds and goes out then on a keep-alive socket, whatever earlier ones are doing, the
 * way independent providers deliver. Latency counts from the due time, so a sender that
 * falls behind cannot hide a slow server.
 */
async function loadPaced(server: Server, traffic: Traffic, rate: number): Promise<LoadOutcome> {
  const { t, sent, answered } = tally();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const { port } = new URL(server.appUrl);
  let errors = 0;
  let timeouts = 0;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const amount = rate * SECONDS;
  for (let i = 0; i < amount; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    const { delivery, duplicate } = traffic.next();
    traffic.sent(delivery);
    sent(delivery, duplicate);
    const done = new Promise<void>((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: Number(port),
          path: delivery.path,
          method: "POST",
          agent,
          timeout: 10_000,
          headers: { ...delivery.headers, "content-length": String(Buffer.byteLength(delivery.body)) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) t.latencies.push(performance.now() - due);
            traffic.answered(delivery, status);
            answered(status);
            resolve();
          });
        },
      );
      req.on("timeout", () => {
        timeouts++;
        req.destroy(new Error("timeout"));
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(delivery.body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  }
  await Promise.all([...inFlight]);
  agent.destroy();
  return {
    latencies: t.latencies,
    statuses: t.statuses,
    requests: t.requests,
    duplicates: t.duplicates,
    unique: t.unique.size,
    errors,
    timeouts,
    durationS: round((performance.now() - start) / 1000, 2),
    autocannon: null,
  };
}

async function runRate(
  server: Server,
  traffic: Traffic,
  rate: number,
  db: pg.Client,
  generator: "autocannon" | "paced",
) {
  const connections = connectionsFor(rate);
  const startedAt = (await db.query<{ now: Date }>("select clock_timestamp() as now")).rows[0]!.now;
  const sampler = sampleWaits();
  const cpu0 = cpuSnapshot(server.child.pid);
  const outcome =
    generator === "autocannon"
      ? await loadAutocannon(server, traffic, rate, connections)
      : await loadPaced(server, traffic, rate);
  const cpu1 = cpuSnapshot(server.child.pid);
  const waits = await sampler.stop();

  // Processing runs after the responses; wait until nothing is pending.
  const loadEnded = performance.now();
  let pending = await pendingEvents(db);
  while (pending > 0 && performance.now() - loadEnded < SETTLE_TIMEOUT_S * 1000) {
    await sleep(200);
    pending = await pendingEvents(db);
  }
  const drainMs = performance.now() - loadEnded;
  const cpu2 = cpuSnapshot(server.child.pid);

  const { rows: lagRows } = await db.query<{ lag_ms: number; state: string }>(
    `select extract(epoch from (processed_at - received_at)) * 1000 as lag_ms, state
       from public.inbound_events where received_at >= $1`,
    [startedAt],
  );
  const lag = percentiles(lagRows.filter((r) => r.lag_ms !== null).map((r) => Number(r.lag_ms)));
  const states: Record<string, number> = {};
  for (const r of lagRows) states[r.state] = (states[r.state] ?? 0) + 1;

  const exact = percentiles(outcome.latencies);
  const non2xx = Object.entries(outcome.statuses)
    .filter(([s]) => !s.startsWith("2"))
    .reduce((a, [, n]) => a + n, 0);
  return {
    generator,
    rate,
    connections: generator === "autocannon" ? connections : null,
    seconds: SECONDS,
    requests: outcome.requests,
    duplicates: outcome.duplicates,
    duplicateShare: round(outcome.duplicates / Math.max(1, outcome.requests), 3),
    uniqueEvents: outcome.unique,
    achievedRps: round(outcome.requests / outcome.durationS, 1),
    durationS: outcome.durationS,
    statuses: outcome.statuses,
    non2xx,
    errors: outcome.errors,
    timeouts: outcome.timeouts,
    autocannon: outcome.autocannon,
    latency: {
      n: exact.n,
      p50: round(exact.p50),
      p90: round(exact.p90),
      p95: round(exact.p95),
      p99: round(exact.p99),
      max: round(exact.max),
      mean: round(exact.mean),
    },
    drainMs: Math.round(drainMs),
    pendingAfterDrain: pending,
    processingLagMs: {
      n: lag.n,
      p50: round(lag.p50, 1),
      p95: round(lag.p95, 1),
      p99: round(lag.p99, 1),
      max: round(lag.max, 1),
    },
    eventStates: states,
    cpuDuringLoad: cpuBetween(cpu0, cpu1),
    // CPU per request over the load and the drain after it (ms of one core): what each answer and its processing cost.
    cpuMsPerRequest: {
      server: round((((cpu2.server - cpu0.server) / CLK_TCK) * 1000) / Math.max(1, outcome.requests), 1),
      postgres: round((((cpu2.postgres - cpu0.postgres) / CLK_TCK) * 1000) / Math.max(1, outcome.requests), 1),
    },
    cpuDuringDrain: drainMs > 500 ? cpuBetween(cpu1, cpu2) : null,
    dbWaits: {
      samples: waits.samples,
      meanActiveConnections: round(waits.active / Math.max(1, waits.samples)),
      share: Object.fromEntries(
        Object.entries(waits.waits)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, round(v / Math.max(1, waits.active), 3)]),
      ),
    },
  };
}

// ---------------------------------------------------------------------------
// Integrity: nothing lost, nothing twice.

async function verify(traffic: Traffic, org: WebhookOrg, db: pg.Client) {
  const originals = [...traffic.originals.values()];
  const sent = originals.filter((o) => o.sent > 0);
  const acked = sent.filter((o) => o.ok > 0);
  const { rows: events } = await db.query<{ event_id: string; state: string; error: string | null }>(
    "select event_id, state, error from public.inbound_events where provider in ('twilio', 'whatsapp_cloud')",
  );
  const { rows: messages } = await db.query<{ provider_message_id: string }>(
    "select provider_message_id from public.messages where org_id = $1 and direction = 'inbound'",
    [org.orgId],
  );
  const counts = (
    await db.query<{ leads: number; conversations: number; unread: number }>(
      `select (select count(*) from public.leads where org_id = $1)::int as leads,
              (select count(*) from public.conversations where org_id = $1)::int as conversations,
              (select coalesce(sum(unread_count), 0) from public.conversations where org_id = $1)::int as unread`,
      [org.orgId],
    )
  ).rows[0]!;
  const eventIds = new Set(events.map((e) => e.event_id));
  const messageIds = new Set(messages.map((m) => m.provider_message_id));
  const sentIds = new Set(sent.map((o) => o.delivery.eventId));
  const lostEvents = acked.filter((o) => !eventIds.has(o.delivery.eventId)).map((o) => o.delivery.eventId);
  const lostMessages = UNROUTABLE
    ? []
    : acked.filter((o) => !messageIds.has(o.delivery.eventId)).map((o) => o.delivery.eventId);
  const strayMessages = [...messageIds].filter((id) => !sentIds.has(id));
  const states: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const e of events) {
    states[e.state] = (states[e.state] ?? 0) + 1;
    if (e.error) errors[e.error.slice(0, 160)] = (errors[e.error.slice(0, 160)] ?? 0) + 1;
  }
  const senders = new Set([...org.existingPhones, ...sent.map((o) => o.delivery.sender)]);
  const threads = new Set(sent.map((o) => `${o.delivery.sender}|${o.delivery.provider}|${o.delivery.medium}`));
  const duplicated = events.length - eventIds.size + (messages.length - messageIds.size) + strayMessages.length;
  return {
    uniqueEventsSent: sent.length,
    uniqueEventsAcknowledged: acked.length,
    duplicateRequestsSent: traffic.duplicatesSent,
    inboundEvents: events.length,
    inboundMessages: messages.length,
    lost: Math.max(lostEvents.length, lostMessages.length),
    lostIds: [...new Set([...lostEvents, ...lostMessages])].slice(0, 20),
    duplicated,
    equal:
      events.length === acked.length &&
      messages.length === (UNROUTABLE ? 0 : acked.length) &&
      acked.length === sent.length,
    unroutableRun: UNROUTABLE,
    eventStates: states,
    eventErrors: errors,
    leads: { stored: counts.leads, expected: UNROUTABLE ? org.existingPhones.length : senders.size },
    conversations: { stored: counts.conversations, expected: UNROUTABLE ? 0 : threads.size },
    unreadSum: { stored: counts.unread, expected: messages.length },
  };
}

function serverLogSummary(file: string) {
  const levels: Record<string, number> = {};
  const messages: Record<string, number> = {};
  let other = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      const level =
        { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" }[entry.level ?? 0] ??
        String(entry.level);
      levels[level] = (levels[level] ?? 0) + 1;
      const key = `${level}: ${entry.msg ?? ""}${entry.err?.message ? ` (${entry.err.message.slice(0, 120)})` : ""}`;
      messages[key] = (messages[key] ?? 0) + 1;
    } catch {
      other++;
    }
  }
  return {
    levels,
    nonJsonLines: other,
    top: Object.fromEntries(
      Object.entries(messages)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10),
    ),
  };
}

// ---------------------------------------------------------------------------
// CPU profile of the server (BENCH_CPU_PROF=1): where its time went.

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};

function summarizeProfiles(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const self = new Map<string, number>();
  const area = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      total += us;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url.replace(/^file:\/\//, "").replace(APP_DIR, ".");
      const key =
        `${functionName || "(anonymous)"} ${where ? `${where.split("/").slice(-3).join("/")}:${lineNumber + 1}` : ""}`.trim();
      self.set(key, (self.get(key) ?? 0) + us);
      const bucket =
        functionName === "(idle)"
          ? "idle"
          : functionName === "(garbage collector)"
            ? "GC"
            : functionName === "(program)"
              ? "program (native)"
              : /node_modules\/next\//.test(url)
                ? "next"
                : /node_modules\/pg/.test(url)
                  ? "pg"
                  : /node_modules\/(zod|libphonenumber-js|twilio|pino)/.test(url)
                    ? url.match(/node_modules\/([^/]+)/)![1]!
                    : /\.next\/server\/chunks/.test(url)
                      ? "app bundle (.next/server/chunks)"
                      : url.startsWith("node:") || !url
                        ? "node core / native"
                        : "other";
      area.set(bucket, (area.get(bucket) ?? 0) + us);
    });
  }
  const pct = (us: number) => round((100 * us) / Math.max(1, total), 1);
  return {
    files: files.length,
    totalMs: Math.round(total / 1000),
    areas: Object.fromEntries([...area].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, pct(v)])),
    topSelf: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => ({ fn: k, pct: pct(v) })),
  };
}

// ---------------------------------------------------------------------------
// The inbox list at 1M conversations.

type ListCase = {
  key: string;
  label: string;
  who: "manager" | "rep";
  claims: Claims;
  run: (tx: Tx) => Promise<Awaited<ReturnType<typeof listConversations>>>;
};

async function listCases(driver: Driver, inbox: InboxFixture): Promise<ListCase[]> {
  const cases: ListCase[] = [];
  for (const who of ["manager", "rep"] as const) {
    const user = inbox[who];
    const claims: Claims = { sub: user.id, email: user.email, role: "authenticated" };
    const list = (input: Record<string, string>) => {
      const query = listConversationsQuerySchema.parse(input);
      return (tx: Tx) => listConversations(tx, inbox.orgId, user.id, query);
    };
    const first = await withRlsOn(driver, claims, list({ status: "all" }));
    if (!first.nextCursor) throw new Error(`The ${who} has fewer than two pages of conversations.`);
    cases.push(
      { key: `${who}_first_page`, label: "first page (all statuses)", who, claims, run: list({ status: "all" }) },
      { key: `${who}_open`, label: "status=open", who, claims, run: list({ status: "open" }) },
      { key: `${who}_assigned_me`, label: "assigned to me (open)", who, claims, run: list({ assigned: "me" }) },
      { key: `${who}_unread`, label: "unread (open)", who, claims, run: list({ unread: "true" }) },
      {
        key: `${who}_page_2`,
        label: "keyset page 2 (all statuses)",
        who,
        claims,
        run: list({ status: "all", cursor: first.nextCursor }),
      },
    );
  }
  // Sanity: a manager's pages equal the service role's; a rep's hold only their own or unassigned threads.
  for (const c of cases) {
    const page = await withRlsOn(driver, c.claims, c.run);
    if (page.conversations.length === 0) throw new Error(`${c.key}: empty page.`);
    if (c.who === "manager") {
      const asService = await driver.transaction(async (tx) => {
        await actAs(tx, "service_role");
        return c.run(tx);
      });
      if (asService.conversations.map((x) => x.id).join() !== page.conversations.map((x) => x.id).join())
        throw new Error(`${c.key}: the manager's page differs from the service role's.`);
    } else if (page.conversations.some((x) => x.assigneeId !== null && x.assigneeId !== c.claims.sub)) {
      throw new Error(`${c.key}: the rep sees a thread assigned to someone else.`);
    }
  }
  return cases;
}

type ListMeasured = { rls: Stats; service: Stats; owner: Stats };

async function measureList(driver: Driver, c: ListCase): Promise<ListMeasured> {
  const rls = () => withRlsOn(driver, c.claims, c.run);
  const service = () =>
    driver.transaction(async (tx) => {
      await actAs(tx, "service_role");
      return c.run(tx);
    });
  const owner = () => driver.transaction(c.run);
  const [r, s, o] = await sampleInterleaved([rls, service, owner], N_LIST, Math.max(5, Math.floor(N_LIST / 5)));
  return { rls: r!, service: s!, owner: o! };
}

async function explainList(driver: Driver, c: ListCase): Promise<{ sql: string; plan: string[] }> {
  const log: { sql: string; params: unknown[] }[] = [];
  await withRlsOn(driver, c.claims, (tx) => c.run(recording(tx, log)));
  const statement = log.at(-1)!;
  const plan = await withRlsOn(driver, c.claims, async (tx) =>
    (
      await tx.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.sql}`, statement.params)
    ).rows.map((r) => r["QUERY PLAN"]),
  );
  return { sql: statement.sql.replace(/\s+/g, " ").trim(), plan };
}

async function runListBenchmark(inbox: InboxFixture) {
  const driver = openPostgres(BENCH_URL, 2);
  try {
    const cases = await listCases(driver, inbox);
    const visible = await withClient(
      BENCH_URL,
      async (c) =>
        (
          await c.query<{ total: number; rep: number }>(
            `select count(*)::int as total, count(*) filter (where assignee_id is null or assignee_id = $2)::int as rep
             from public.conversations where org_id = $1`,
            [inbox.orgId, inbox.rep.id],
          )
        ).rows[0]!,
    );
    console.log(
      `\nInbox list: ${N_LIST} runs per variant after a warm-up; ${visible.total.toLocaleString("en")} conversations in the organization, ` +
        `${visible.rep.toLocaleString("en")} visible to the rep (reps see only their own and unassigned threads).`,
    );
    // One untimed pass over everything first: the load before this left other pages in the cache.
    for (let i = 0; i < 3; i++) for (const c of cases) await withRlsOn(driver, c.claims, c.run);
    const measured: { c: ListCase; m: ListMeasured; plan: { sql: string; plan: string[] } }[] = [];
    for (const c of cases) {
      process.stdout.write(`  ${c.who} ${c.label} … `);
      const m = await measureList(driver, c);
      const plan = await explainList(driver, c);
      measured.push({ c, m, plan });
      console.log(`rls ${m.rls.median.toFixed(2)} ms, service ${m.service.median.toFixed(2)} ms`);
    }
    return measured;
  } finally {
    await driver.close();
  }
}

// ---------------------------------------------------------------------------

async function main() {
  const benchStart = performance.now();
  const { inbox, seed } = await prepareDatabase();

  const load: RateResult[] = [];
  let integrity: Awaited<ReturnType<typeof verify>> | null = null;
  let logSummary: ReturnType<typeof serverLogSummary> | null = null;
  let profile: ReturnType<typeof summarizeProfiles> | null = null;
  let build: { built: boolean; ms: number } | null = null;
  let serverInfo: { appDir: string; logFile: string; poolMax: string } | null = null;

  if (!ARGS.has("--skip-load")) {
    build = ensureBuild();
    const org = await resetWebhookOrganization();
    const server = await startServer();
    serverInfo = {
      appDir: APP_DIR,
      logFile: server.logFile,
      poolMax: process.env.BENCH_POOL_MAX ?? "app default (10)",
    };
    const db = new pg.Client({ connectionString: BENCH_URL, application_name: "kiln-bench" });
    await db.connect();
    try {
      const traffic = new Traffic(server.appUrl, org.existingPhones);
      // Warm-up: a few signed requests of each kind so the first measured one does not pay for compiling routes.
      for (let i = 0; i < 20; i++) {
        const { delivery } = traffic.next();
        traffic.sent(delivery);
        const res = await fetch(`${server.appUrl}${delivery.path}`, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
        });
        await res.text();
        traffic.answered(delivery, res.status);
        if (!res.ok)
          throw new Error(`Warm-up request to ${delivery.path} answered ${res.status}; see ${server.logFile}.`);
      }
      while ((await pendingEvents(db)) > 0) await sleep(100);

      console.log(
        `\nLoad: ${RATES.join(", ")} requests/s for ${SECONDS} s each; ${Math.round(DUPLICATES * 100)}% exact resends, ` +
          `half Twilio (SMS + WhatsApp) and half WhatsApp Cloud API, ${Math.round(REPEAT_SENDERS * 100)}% of originals from a repeat sender.`,
      );
      for (const generator of PACED ? (["autocannon", "paced"] as const) : (["autocannon"] as const)) {
        for (const rate of RATES) {
          process.stdout.write(
            `  ${generator} ${rate} req/s${generator === "autocannon" ? ` (${connectionsFor(rate)} connections)` : ""} … `,
          );
          const r = await runRate(server, traffic, rate, db, generator);
          load.push(r);
          console.log(
            `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors; drained in ${(r.drainMs / 1000).toFixed(1)} s`,
          );
        }
      }
      integrity = await verify(traffic, org, db);
    } finally {
      await db.end();
      await server.stop();
    }
    logSummary = serverLogSummary(server.logFile);
    if (server.profileDir) {
      await sleep(500);
      profile = summarizeProfiles(server.profileDir);
    }
  }

  const list = inbox && !ARGS.has("--skip-list") ? await runListBenchmark(inbox) : [];

  // ------------------------------------------------------------------ report
  if (load.length) {
    console.log(
      "\nAcknowledgement latency (response time of 2xx answers, ms; paced: from the due time) and processing",
    );
    printTable(
      [
        "generator",
        "rate",
        "conns",
        "requests",
        "achieved",
        "dups",
        "2xx",
        "non-2xx",
        "errors",
        "p50",
        "p95",
        "p99",
        "max",
        "drain",
        "lag p50",
        "lag p99",
        "CPU ms/req server/pg",
        "cores server/pg/bench/other/steal",
      ],
      load.map((r) => [
        r.generator,
        `${r.rate}/s`,
        String(r.connections ?? "open loop"),
        String(r.requests),
        `${r.achievedRps}/s`,
        `${r.duplicates} (${(r.duplicateShare * 100).toFixed(1)}%)`,
        String(
          Object.entries(r.statuses)
            .filter(([s]) => s.startsWith("2"))
            .reduce((a, [, n]) => a + n, 0),
        ),
        String(r.non2xx),
        `${r.errors}${r.timeouts ? ` (${r.timeouts} timeouts)` : ""}`,
        r.latency.p50.toFixed(1),
        r.latency.p95.toFixed(1),
        r.latency.p99.toFixed(1),
        r.latency.max.toFixed(1),
        `${(r.drainMs / 1000).toFixed(1)} s`,
        `${r.processingLagMs.p50} ms`,
        `${r.processingLagMs.p99} ms`,
        `${r.cpuMsPerRequest.server}/${r.cpuMsPerRequest.postgres}`,
        `${r.cpuDuringLoad.server}/${r.cpuDuringLoad.postgres}/${r.cpuDuringLoad.bench}/${r.cpuDuringLoad.other}/${r.cpuDuringLoad.steal} of ${r.cpuDuringLoad.cores}`,
      ]),
    );
    console.log(
      "autocannon's own histogram (whole ms): " +
        load
          .filter((r) => r.autocannon)
          .map((r) => `${r.rate}/s p50 ${r.autocannon!.p50} p99 ${r.autocannon!.p99}`)
          .join("; "),
    );
    console.log(
      "DB connections of the app, share of active samples: " +
        load
          .map(
            (r) =>
              `${r.generator} ${r.rate}/s ${Object.entries(r.dbWaits.share)
                .slice(0, 4)
                .map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`)
                .join(", ")} (mean ${r.dbWaits.meanActiveConnections} active)`,
          )
          .join("; "),
    );
  }
  if (integrity) {
    console.log("\nIntegrity");
    printTable(
      [
        "unique events sent",
        "acknowledged",
        "duplicate requests",
        "inbound_events",
        "inbound messages",
        "lost",
        "duplicated",
        "leads (expected)",
        "conversations (expected)",
        "unread sum (expected)",
      ],
      [
        [
          String(integrity.uniqueEventsSent),
          String(integrity.uniqueEventsAcknowledged),
          String(integrity.duplicateRequestsSent),
          String(integrity.inboundEvents),
          String(integrity.inboundMessages),
          String(integrity.lost),
          String(integrity.duplicated),
          `${integrity.leads.stored} (${integrity.leads.expected})`,
          `${integrity.conversations.stored} (${integrity.conversations.expected})`,
          `${integrity.unreadSum.stored} (${integrity.unreadSum.expected})`,
        ],
      ],
    );
    if (Object.keys(integrity.eventErrors).length) console.log("Event errors:", integrity.eventErrors);
    console.log(`Event states: ${JSON.stringify(integrity.eventStates)}`);
  }
  if (logSummary)
    console.log(
      `Server log: ${JSON.stringify(logSummary.levels)}${Object.keys(logSummary.top).length ? `; top: ${JSON.stringify(logSummary.top)}` : ""}`,
    );
  if (profile) {
    console.log(
      `\nServer CPU profile (${profile.files} files, ${profile.totalMs} ms sampled), share by area: ${JSON.stringify(profile.areas)}`,
    );
    for (const f of profile.topSelf.slice(0, 15)) console.log(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.fn}`);
  }

  const listVerdict = (m: ListMeasured) => {
    const why: string[] = [];
    if (m.rls.median > TARGET.listMs) why.push(`median ${m.rls.median.toFixed(2)} ms > ${TARGET.listMs} ms`);
    if (m.rls.p95 > TARGET.listMs) why.push(`p95 ${m.rls.p95.toFixed(2)} ms > ${TARGET.listMs} ms`);
    return { ratio: m.rls.median / m.service.median, ratioP95: m.rls.p95 / m.service.p95, ok: why.length === 0, why };
  };
  if (list.length) {
    console.log(
      `\nInbox list (listConversations, 25 rows) at ${INBOX.conversations.toLocaleString("en")} conversations: rls vs service-role baseline (ratio = rls median / service median)\n`,
    );
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    printTable(
      [
        "who",
        "query",
        "rls median",
        "rls p95",
        "service median",
        "service p95",
        "owner median",
        "ratio",
        "ratio p95",
        `≤${TARGET.listMs} ms`,
      ],
      list.map(({ c, m }) => {
        const v = listVerdict(m);
        return [
          c.who,
          c.label,
          ms(m.rls.median),
          ms(m.rls.p95),
          ms(m.service.median),
          ms(m.service.p95),
          ms(m.owner.median),
          `${v.ratio.toFixed(2)}x`,
          `${v.ratioP95.toFixed(2)}x`,
          v.ok ? "yes" : `NO: ${v.why.join("; ")}`,
        ];
      }),
    );
    for (const { c, m, plan } of list) {
      if (listVerdict(m).ok) continue;
      console.log(`\n## ${c.who} ${c.label}: EXPLAIN (ANALYZE, BUFFERS) as the ${c.who}`);
      for (const line of plan.plan) console.log(`  ${line}`);
    }
  }

  const top = load.find((r) => r.rate === TARGET.atRate && r.generator === "autocannon");
  const verdict = {
    ackAtTarget: top
      ? {
          p50: top.latency.p50,
          p99: top.latency.p99,
          ok:
            top.latency.p50 <= TARGET.p50Ms && top.latency.p99 <= TARGET.p99Ms && top.non2xx === 0 && top.errors === 0,
        }
      : null,
    integrity: integrity
      ? {
          lost: integrity.lost,
          duplicated: integrity.duplicated,
          ok: integrity.lost === 0 && integrity.duplicated === 0 && integrity.equal,
        }
      : null,
    list: list.length ? { ok: list.every(({ m }) => listVerdict(m).ok) } : null,
  };
  const totalS = (performance.now() - benchStart) / 1000;
  console.log(
    `\nTargets: ${verdict.ackAtTarget ? `ack at ${TARGET.atRate}/s p50 ${verdict.ackAtTarget.p50} ms (≤${TARGET.p50Ms}), p99 ${verdict.ackAtTarget.p99} ms (≤${TARGET.p99Ms}): ${verdict.ackAtTarget.ok ? "met" : "MISSED"}; ` : ""}` +
      `${verdict.integrity ? `lost ${verdict.integrity.lost}, duplicated ${verdict.integrity.duplicated}: ${verdict.integrity.ok ? "met" : "MISSED"}; ` : ""}` +
      `${verdict.list ? `inbox list ≤${TARGET.listMs} ms: ${verdict.list.ok ? "met" : "MISSED"}` : ""}. Total ${totalS.toFixed(0)} s.`,
  );

  const pgInfo = await withClient(
    BENCH_URL,
    async (c) =>
      (
        await c.query<{ version: string; settings: Record<string, string> }>(
          `select version(), (select jsonb_object_agg(name, setting || coalesce(unit, '')) from pg_settings
           where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'synchronous_commit', 'max_connections', 'jit', 'random_page_cost')) as settings`,
        )
      ).rows[0]!,
  );
  const now = new Date();
  const dump = {
    at: now.toISOString(),
    label: process.env.BENCH_LABEL ?? null,
    totalSeconds: round(totalS, 1),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadavg: os.loadavg(),
    },
    postgres: pgInfo,
    settings: {
      rates: RATES,
      seconds: SECONDS,
      maxConnections: MAX_CONNECTIONS,
      duplicates: DUPLICATES,
      repeatSenders: REPEAT_SENDERS,
      inbox: INBOX,
      listRuns: N_LIST,
    },
    server: serverInfo,
    build,
    target: TARGET,
    verdict,
    load,
    integrity,
    serverLog: logSummary,
    profile,
    inboxSeed: seed,
    list: list.map(({ c, m, plan }) => ({
      key: c.key,
      who: c.who,
      label: c.label,
      ...m,
      ...listVerdict(m),
      sql: plan.sql,
      plan: plan.plan,
    })),
  };
  const saved = saveRun("webhooks", now, dump.label, dump, webhooksSummary(dump));
  console.log(`Results: ${saved.summary} (headline), ${saved.raw} (everything, not committed)`);
  if (verdict.integrity && !verdict.integrity.ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
