/**
 * npm run bench:email [-- --skip-sync] [-- --skip-latency] [-- --build]
 *
 * Email into the inbox, two ways, each against a baseline measured in the same run.
 *
 * 1. Gmail initial sync throughput, in this process. The Gmail stand-in
 *    (tests/integration/google/fake-gmail.ts, in front of the OAuth stand-in) holds BENCH_MESSAGES
 *    (500) messages of the last 20 days for a member who connected Google through the OAuth
 *    exchange (PKCE, code, token endpoint, stored by saveGoogleConnection). The mix: half a
 *    known lead opening a thread, a quarter the lead writing again in the same Gmail thread
 *    (In-Reply-To / References), a quarter newsletters from nobody the organization knows
 *    (skipped). Three paths over the same raw messages, each for its own organization seeded
 *    alike (BENCH_LEADS leads with email addresses):
 *    - gmail: the sync's public entry point as "sync now" uses it (requestGmailSync queues a
 *      sync job, runGmailSync runs it), job after job until the mailbox's cursor says the full
 *      read is done; Google's official client over real HTTP; includes the sync_jobs /
 *      sync_events bookkeeping.
 *    - ingest (the baseline): each message recorded as an inbound event and processed by the
 *      email handler (lib/inbox/email-ingest.ts), the path the signed inbound webhook's
 *      pipeline takes after its acknowledgement, without Gmail. It does more per lead reply
 *      than the initial sync (which files history: no notifications, drafts or suggestions).
 *    - filing only (a reference): the sync's own filing step (fileGmailMessage, a transaction
 *      per message) without Gmail or jobs, so sync / filing is what Gmail's round trips and the
 *      bookkeeping add.
 *    BENCH_ROUNDS (3) rounds, fresh organizations each and the paths in rotated order, after one
 *    unmeasured round on a 24-message mailbox; medians of ms per message. Work scheduled after
 *    commit is drained after each path and reported apart. Database: embedded PGlite in memory
 *    by default, or PostgreSQL with BENCH_DRIVER=postgres (BENCH_DATABASE_URL).
 *
 * 2. Inbound-email-to-inbox latency, through the production server (`next start`, bench/server.ts)
 *    on PostgreSQL: signed raw emails (lib/email/signature.ts, the organization's secret from
 *    lib/email/inbound-secret.ts) POSTed to /api/webhooks/email/inbound, interleaved with
 *    signed Twilio SMS to /api/webhooks/twilio/messaging (the baseline), at BENCH_RATE (4)
 *    requests/s in total, evenly paced, for BENCH_SECONDS (30). Each message carries a unique
 *    token; one poller, signed in as the organization's owner, reads the inbox list
 *    (GET /api/v1/conversations, newest first) back to back every BENCH_POLL_MS (25) and
 *    stops a message's clock when its conversation's latest-message preview shows the token.
 *    Latency = request start → first poll answer showing it (so it includes up to one poll
 *    interval plus one list request, for both kinds alike). Both kinds come from new senders
 *    (a new lead and conversation each). `next build` runs first only when .next has no build
 *    with the inbound email route (or with --build).
 *
 * Env: BENCH_DRIVER (pglite | postgres), BENCH_DATABASE_URL (default the local
 * `kiln_bench_email`, created when missing and migrated; a throwaway database), BENCH_MESSAGES,
 * BENCH_ROUNDS, BENCH_LEADS (leads per organization, 1,000), BENCH_RATE, BENCH_SECONDS, BENCH_POLL_MS,
 * BENCH_APP_DIR, BENCH_LABEL. Numbers on a busy machine are indicative.
 * Results: tables on stdout, the headline appended to bench/results/email.json, everything in
 * bench/results/raw/email-<date>.json.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { CodeChallengeMethod } from "google-auth-library";
import { startFakeGmail, type FakeGmail, type FakeGmailMessage } from "../tests/integration/google/fake-gmail";
import { actAs, withRls, withService, type Claims, type Tx } from "@/lib/db";
import { closeDatabase, database } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import { createMailbox } from "@/lib/channels/mailboxes";
import { inboundEmailSecret } from "@/lib/email/inbound-secret";
import { deliveryKey } from "@/lib/email/parse";
import { EMAIL_SIGNATURE_HEADER, EMAIL_TIMESTAMP_HEADER, signEmailDelivery } from "@/lib/email/signature";
import { processInboundEvent, recordInboundEvents } from "@/lib/inbound/events";
import { emailInbound } from "@/lib/inbox/email-ingest";
import { fileGmailMessage } from "@/lib/inbox/gmail-messages";
import { getGoogleConnection, saveGoogleConnection } from "@/lib/integrations/google/connection";
import { newOAuthClient } from "@/lib/integrations/google/config";
import { scopesFor } from "@/lib/integrations/google/parts";
import { decodeGmailCursor } from "@/lib/integrations/google/gmail-cursor";
import { requestGmailSync } from "@/lib/integrations/google/gmail-start";
import { runGmailSync } from "@/lib/integrations/google/gmail-sync";
import { settled } from "@/lib/jobs/soon";
import { logger } from "@/lib/log";
import { listSyncJobs, syncCursor } from "@/lib/sync/jobs";
import { adminUrl, withClient } from "./db";
import { benchAppEnv, signIn, twilioSignature } from "./http";
import { emailSummary, saveRun } from "./results";
import { FIRST_NAMES, LAST_NAMES } from "./seed-leads";
import { ensureBuild, startServer } from "./server";

// Bench-only secrets: the server verifies with them, this process signs and seals with them.
const SECRETS = {
  AUTH_SECRET: "kiln-bench-email-auth-secret-not-for-production",
  ENCRYPTION_KEY: Buffer.alloc(32, 13).toString("base64"),
  TWILIO_ACCOUNT_SID: `AC${"e".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "kiln-bench-email-twilio-auth-token",
};
const PASSWORD = "kiln-bench-email-pass";

const ARGS = new Set(process.argv.slice(2));
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const DRIVER = process.env.BENCH_DRIVER === "postgres" ? "postgres" : "pglite";
const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/kiln_bench_email";
const MESSAGES = num("BENCH_MESSAGES", 500);
const LEADS = num("BENCH_LEADS", 1_000);
const ROUNDS = num("BENCH_ROUNDS", 3);
const WARMUP_MESSAGES = 24;
const RATE = num("BENCH_RATE", 4);
const SECONDS = num("BENCH_SECONDS", 30);
const POLL_MS = num("BENCH_POLL_MS", 25);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? process.cwd());
const TWILIO_NUMBER = "+41445550200";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const suffix = () => randomBytes(4).toString("hex");

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);
  return {
    n: sorted.length,
    p50: round(at(0.5), 1),
    p95: round(at(0.95), 1),
    p99: round(at(0.99), 1),
    max: round(sorted.at(-1) ?? NaN, 1),
  };
}
type Percentiles = ReturnType<typeof percentiles>;

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------------------
// Mail as mail programs write it.

type Mail = {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  date: Date;
  text: string;
  headers?: Record<string, string>;
};

function rawMail(mail: Mail): Buffer {
  return Buffer.from(
    [
      `From: ${mail.from}`,
      `To: ${mail.to}`,
      `Subject: ${mail.subject}`,
      `Date: ${mail.date.toUTCString()}`,
      `Message-ID: <${mail.messageId}>`,
      ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`, `References: <${mail.inReplyTo}>`] : []),
      ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      mail.text,
    ].join("\r\n"),
  );
}

const leadName = (g: number) => `${FIRST_NAMES[g % FIRST_NAMES.length]} ${LAST_NAMES[(g * 7) % LAST_NAMES.length]}`;
const leadEmail = (g: number) => `lead${g}@customer${g % 97}.example`;

type Kind = "lead_new_thread" | "lead_reply" | "newsletter";
type SyncMessage = { kind: Kind; raw: Buffer; messageId: string; threadOf: number | null; receivedAt: Date };

/** The mailbox's mail, oldest first: half leads opening a thread, a quarter their own follow-ups, a quarter newsletters. */
function mailboxMessages(n: number, account: string): SyncMessage[] {
  const start = Date.now() - 20 * 86_400_000;
  const step = (20 * 86_400_000 - 3_600_000) / Math.max(1, n);
  const out: SyncMessage[] = [];
  const opened: number[] = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(start + i * step);
    const messageId = `${randomUUID()}@bench.kiln.test`;
    const slot = i % 4;
    if (slot === 3) {
      out.push({
        kind: "newsletter",
        messageId,
        threadOf: null,
        receivedAt: date,
        raw: rawMail({
          from: `Bakery Weekly <news@bakery-weekly.example>`,
          to: account,
          subject: `This week's loaves #${i}`,
          messageId,
          date,
          text: "Fresh sourdough every Friday. Unsubscribe any time.\n",
          headers: { Precedence: "bulk", "List-Unsubscribe": "<mailto:leave@bakery-weekly.example>" },
        }),
      });
    } else if (slot === 2 && opened.length) {
      const original = opened.shift()!;
      const first = out[original]!;
      const g = original % LEADS;
      out.push({
        kind: "lead_reply",
        messageId,
        threadOf: original,
        receivedAt: date,
        raw: rawMail({
          from: `${leadName(g)} <${leadEmail(g)}>`,
          to: account,
          subject: `Re: Solar quote ${original}`,
          messageId,
          inReplyTo: first.messageId,
          date,
          text: `One more thing: we could also do battery storage before summer.\n\n> We have about CHF 20k for solar.\n`,
        }),
      });
    } else {
      const g = i % LEADS;
      opened.push(i);
      out.push({
        kind: "lead_new_thread",
        messageId,
        threadOf: null,
        receivedAt: date,
        raw: rawMail({
          from: `${leadName(g)} <${leadEmail(g)}>`,
          to: account,
          subject: `Solar quote ${i}`,
          messageId,
          date,
          text: `Hi, we have about CHF 20k set aside for solar on our house, about 60 m2 facing south. I'm the owner.\n`,
        }),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Organizations, through the module APIs where there is one.

type World = { orgId: string; ownerId: string; email: string; claims: Claims; mailbox: string };

/** A user who can sign in, their organization, its mailbox and BENCH_LEADS leads with email addresses. */
async function createWorld(name: string, leads: number): Promise<World> {
  const email = `email-bench-${suffix()}@bench.kiln.test`;
  const hash = await bcrypt.hash(PASSWORD, 10);
  const ownerId = await withService(
    async (tx) =>
      (
        await tx.query<{ id: string }>(
          `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
           values ($1, $2, now(), '{"full_name":"Email bench owner"}') returning id`,
          [email, hash],
        )
      ).rows[0]!.id,
  );
  const claims: Claims = { sub: ownerId, email, role: "authenticated" };
  const orgId = await withRls(
    claims,
    async (tx) => (await tx.query<{ id: string }>("select private.create_organization($1) as id", [name])).rows[0]!.id,
  );
  const mailbox = `sales-${suffix()}@acme.example`;
  await withRls(claims, (tx) => createMailbox(tx, ownerId, orgId, { address: mailbox, label: "Sales" }));
  await withService((tx) =>
    tx.query(
      `insert into public.leads (org_id, name, email, source, status, created_at)
       select $1, ($3::text[])[1 + g % cardinality($3::text[])] || ' ' || ($4::text[])[1 + (g * 7) % cardinality($4::text[])],
              'lead' || g || '@customer' || (g % 97) || '.example', 'import', 'contacted', now() - interval '90 days'
         from generate_series(0, $2::int - 1) g`,
      [orgId, leads, FIRST_NAMES, LAST_NAMES],
    ),
  );
  return { orgId, ownerId, email, claims, mailbox };
}

/** The member connects Google (gmail part) through the OAuth stand-in, as the callback would store it. */
async function connectGmail(fake: FakeGmail, world: World, account: string): Promise<void> {
  fake.google.account = { sub: `1${Date.now()}${Math.floor(Math.random() * 1e6)}`, email: account };
  const client = newOAuthClient();
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const consentUrl = client.generateAuthUrl({
    access_type: "offline",
    prompt: "consent",
    scope: scopesFor(["gmail"]),
    state: "bench",
    code_challenge: codeChallenge!,
    code_challenge_method: CodeChallengeMethod.S256,
  });
  const consent = await fetch(consentUrl, { redirect: "manual" });
  const code = new URL(consent.headers.get("location")!).searchParams.get("code");
  if (!code) throw new Error(`The OAuth stand-in gave no code (${consent.status}).`);
  const { tokens } = await client.getToken({ code, codeVerifier });
  await withService((tx) =>
    saveGoogleConnection(tx, {
      orgId: world.orgId,
      userId: world.ownerId,
      account: fake.google.account,
      accessToken: tokens.access_token!,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: new Date(tokens.expiry_date ?? Date.now() + 3_600_000),
      scopes: (tokens.scope ?? "").split(" ").filter(Boolean),
      enable: ["gmail"],
    }),
  );
}

const countMessages = (orgId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{ messages: number; conversations: number; leads: number }>(
          `select (select count(*)::int from public.messages where org_id = $1) as messages,
                  (select count(*)::int from public.conversations where org_id = $1) as conversations,
                  (select count(*)::int from public.leads where org_id = $1) as leads`,
          [orgId],
        )
      ).rows[0]!,
  );

// ---------------------------------------------------------------------------
// 1. Initial sync vs the plain ingest path.

type PathRun = { ms: number; drainMs: number; perMessageMs: number; outcomes: Record<string, number> };
type Stored = { messages: number; conversations: number; leads: number };
type SyncRound = {
  order: string[];
  gmail: PathRun & {
    jobs: number;
    apiCalls: number;
    counts: { seen: number; created: number; updated: number; skipped: number };
    stored: Stored;
  };
  filing: PathRun;
  ingest: PathRun & { stored: Stored };
};
type PathSummary = { perMessageMs: number; messagesPerSecond: number };
type SyncResult = {
  driver: string;
  messages: number;
  rounds: SyncRound[];
  mix: Record<Kind, number>;
  /** Medians over the rounds. */
  gmail: PathSummary;
  filing: PathSummary;
  ingest: PathSummary;
  /** Gmail sync ms per message / ingest ms per message (medians). */
  ratio: number;
  /** Gmail sync ms per message / filing-only ms per message: what Gmail and the job bookkeeping add. */
  ratioToFiling: number;
};

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const summary = (perMessage: number[]): PathSummary => {
  const m = median(perMessage);
  return { perMessageMs: round(m, 3), messagesPerSecond: round(1000 / m, 1) };
};

/**
 * One round: three organizations seeded alike, the same mailbox for each; the three paths run in
 * `order` (rotated from round to round, so none always runs first on a cooler cache).
 */
async function syncRound(
  fake: FakeGmail,
  messages: number,
  order: ("gmail" | "filing" | "ingest")[],
  say: (line: string) => void,
): Promise<{ round: SyncRound; mix: Record<Kind, number> }> {
  const account = `ada.${suffix()}@northwind-mail.test`;
  const mail = mailboxMessages(messages, account);
  const mix = { lead_new_thread: 0, lead_reply: 0, newsletter: 0 } as Record<Kind, number>;
  for (const m of mail) mix[m.kind] += 1;

  const gmailWorld = await createWorld(`Email bench Gmail ${suffix()}`, LEADS);
  const ingestWorld = await createWorld(`Email bench ingest ${suffix()}`, LEADS);
  const filingWorld = await createWorld(`Email bench filing ${suffix()}`, LEADS);
  await connectGmail(fake, gmailWorld, account);
  const filingAccount = `ada.${suffix()}@northwind-mail.test`;
  await connectGmail(fake, filingWorld, filingAccount);
  // A follow-up lands in its original's Gmail thread.
  const delivered: FakeGmailMessage[] = [];
  for (const m of mail)
    delivered.push(
      fake.deliver(account, m.raw, {
        threadId: m.threadOf === null ? undefined : delivered[m.threadOf]!.threadId,
        receivedAt: m.receivedAt,
      }),
    );
  const n = mail.length;
  const timedDrain = async () => {
    const started = performance.now();
    await drain();
    return performance.now() - started;
  };

  // Baseline: the raw messages through the email handler, as the webhook pipeline runs it after
  // the acknowledgement (record the event, then process it), without Gmail.
  async function ingest(): Promise<SyncRound["ingest"]> {
    const outcomes: Record<string, number> = {};
    const started = performance.now();
    for (const m of mail) {
      const key = deliveryKey(ingestWorld.orgId, m.raw, m.messageId);
      const ids = await recordInboundEvents(
        [{ provider: "email", eventId: key, kind: "message", payload: { key, mime: m.raw.toString("base64") } }],
        { headers: {}, orgId: ingestWorld.orgId },
      );
      const { result } = await processInboundEvent(ids[0]!, [emailInbound]);
      outcomes[result] = (outcomes[result] ?? 0) + 1;
    }
    const ms = performance.now() - started;
    return {
      ms,
      drainMs: await timedDrain(),
      perMessageMs: ms / n,
      outcomes,
      stored: await countMessages(ingestWorld.orgId),
    };
  }

  // Reference: the sync's own filing step (fileGmailMessage, a transaction per message, as history
  // read in) on the same messages, without Gmail and without the job bookkeeping.
  async function filing(): Promise<SyncRound["filing"]> {
    const connection = await withService((tx) => getGoogleConnection(tx, filingWorld.orgId, filingWorld.ownerId));
    const outcomes: Record<string, number> = {};
    const started = performance.now();
    for (const m of delivered) {
      const outcome = await withService((tx) =>
        fileGmailMessage(tx, {
          orgId: filingWorld.orgId,
          userId: filingWorld.ownerId,
          connectionId: connection!.id,
          account: filingAccount,
          gmailId: m.id,
          threadId: m.threadId,
          raw: m.raw,
          receivedAt: new Date(m.internalDate),
          live: false,
          onRollback: () => undefined,
        }),
      );
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    const ms = performance.now() - started;
    return { ms, drainMs: await timedDrain(), perMessageMs: ms / n, outcomes };
  }

  // The public entry point, as "sync now" uses it: a queued sync job, then its run; a job reads a
  // few pages, so the initial sync is as many jobs as it takes to finish the full read.
  async function gmail(): Promise<SyncRound["gmail"]> {
    const callsBefore = fake.calls.length;
    const counts = { seen: 0, created: 0, updated: 0, skipped: 0 };
    const jobIds: string[] = [];
    const started = performance.now();
    for (;;) {
      const { jobId, connectionId } = await requestGmailSync(
        (fn) => withRls(gmailWorld.claims, fn),
        gmailWorld.orgId,
        gmailWorld.ownerId,
      );
      await runGmailSync(jobId);
      jobIds.push(jobId);
      const [job] = await withRls(gmailWorld.claims, (tx) =>
        listSyncJobs(tx, gmailWorld.orgId, gmailWorld.ownerId, { target: "gmail", limit: 1 }),
      );
      if (job?.id !== jobId || job.status !== "succeeded")
        throw new Error(`The Gmail sync job ended ${job?.status ?? "missing"}: ${JSON.stringify(job?.error)}`);
      for (const k of ["seen", "created", "updated", "skipped"] as const) counts[k] += job.counts[k];
      const cursor = decodeGmailCursor(await withService((tx) => syncCursor(tx, connectionId, "gmail")));
      if (cursor && "historyId" in cursor) break; // the full read is done: from here on it is incremental
      if (jobIds.length > 1_000) throw new Error("The initial sync did not finish in 1,000 jobs.");
    }
    const ms = performance.now() - started;
    if (counts.seen !== n) console.warn(`  Note: the sync saw ${counts.seen} of ${n} messages.`);
    const outcomes = Object.fromEntries(
      (
        await withService((tx) =>
          tx.query<{ reason: string; n: number }>(
            `select action || ':' || reason as reason, count(*)::int as n from public.sync_events
              where job_id = any($1::uuid[]) group by 1 order by 1`,
            [jobIds],
          ),
        )
      ).rows.map((r) => [r.reason, r.n]),
    );
    return {
      ms,
      drainMs: await timedDrain(),
      perMessageMs: ms / n,
      outcomes,
      jobs: jobIds.length,
      apiCalls: fake.calls.length - callsBefore,
      counts,
      stored: await countMessages(gmailWorld.orgId),
    };
  }

  const paths = { gmail, filing, ingest };
  const done: Partial<SyncRound> = { order };
  for (const name of order) {
    const result = await paths[name]();
    (done as Record<string, unknown>)[name] = result;
    say(`${name} ${result.perMessageMs.toFixed(1)} ms/message; `);
  }
  say("\n");
  return { round: done as SyncRound, mix };
}

async function runSyncBenchmark(
  fake: FakeGmail,
  messages: number,
  rounds: number,
  say: (line: string) => void,
): Promise<SyncResult> {
  const names = ["gmail", "filing", "ingest"] as const;
  const results: SyncRound[] = [];
  let mix: Record<Kind, number> | null = null;
  for (let r = 0; r < rounds; r++) {
    say(`  round ${r + 1}/${rounds}: `);
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    const { round: one, mix: m } = await syncRound(fake, messages, order, say);
    results.push(one);
    mix = m;
  }
  const gmail = summary(results.map((r) => r.gmail.perMessageMs));
  const filing = summary(results.map((r) => r.filing.perMessageMs));
  const ingest = summary(results.map((r) => r.ingest.perMessageMs));
  return {
    driver: DRIVER,
    messages,
    rounds: results.map((r) => ({
      ...r,
      gmail: {
        ...r.gmail,
        ms: round(r.gmail.ms),
        drainMs: round(r.gmail.drainMs),
        perMessageMs: round(r.gmail.perMessageMs, 3),
      },
      filing: {
        ...r.filing,
        ms: round(r.filing.ms),
        drainMs: round(r.filing.drainMs),
        perMessageMs: round(r.filing.perMessageMs, 3),
      },
      ingest: {
        ...r.ingest,
        ms: round(r.ingest.ms),
        drainMs: round(r.ingest.drainMs),
        perMessageMs: round(r.ingest.perMessageMs, 3),
      },
    })),
    mix: mix!,
    gmail,
    filing,
    ingest,
    ratio: round(gmail.perMessageMs / ingest.perMessageMs, 2),
    ratioToFiling: round(gmail.perMessageMs / filing.perMessageMs, 2),
  };
}

/** Work started after a commit lands on later ticks than one settled(). */
async function drain() {
  for (let i = 0; i < 4; i++) await settled();
}

// ---------------------------------------------------------------------------
// 2. Webhook to visible in the inbox, email vs SMS, through the production server.

async function preparePostgres(): Promise<void> {
  const { admin, database: name } = adminUrl(BENCH_URL);
  await withClient(admin, async (c) => {
    const exists = await c.query("select 1 from pg_database where datname = $1", [name]);
    if (!exists.rowCount) await c.query(`create database "${name.replace(/"/g, '""')}"`);
  });
  const driver = openPostgres(BENCH_URL, 2);
  try {
    await migrate(driver);
  } finally {
    await driver.close();
  }
}

type LatencyOrg = { orgId: string; email: string; secret: string; mailbox: string };

/** An organization with a mailbox, its inbound secret, and a Twilio number allocated to it (live mode). */
async function latencyOrganization(): Promise<LatencyOrg> {
  const driver = openPostgres(BENCH_URL, 2);
  const service = <T>(fn: (tx: Tx) => Promise<T>) =>
    driver.transaction(async (tx) => {
      await actAs(tx, "service_role");
      return fn(tx);
    });
  try {
    const email = `email-latency-${suffix()}@bench.kiln.test`;
    const hash = await bcrypt.hash(PASSWORD, 10);
    const mailbox = `sales-${suffix()}@acme.example`;
    const orgId = await service(async (tx) => {
      await tx.query("delete from public.number_allocations where provider = 'twilio' and number = $1", [
        TWILIO_NUMBER,
      ]);
      await tx.query("delete from public.channels where provider = 'twilio' and address = $1", [TWILIO_NUMBER]);
      const user = (
        await tx.query<{ id: string }>(
          `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
           values ($1, $2, now(), '{"full_name":"Email latency owner"}') returning id`,
          [email, hash],
        )
      ).rows[0]!.id;
      const org = (
        await tx.query<{ id: string }>(
          "insert into public.organizations (name, created_by) values ($1, $2) returning id",
          [`Email latency bench ${suffix()}`, user],
        )
      ).rows[0]!.id;
      await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner')", [org, user]);
      await tx.query(
        `insert into public.channels (org_id, provider, address, capabilities, label) values ($1, 'twilio', $2, '{sms}', 'Bench line'),
                ($1, 'email', $3, '{email}', 'Sales')`,
        [org, TWILIO_NUMBER, mailbox],
      );
      await tx.query("insert into public.number_allocations (provider, number, org_id) values ('twilio', $2, $1)", [
        org,
        TWILIO_NUMBER,
      ]);
      return org;
    });
    const { secret } = await service((tx) => inboundEmailSecret(tx, orgId));
    return { orgId, email, secret, mailbox };
  } finally {
    await driver.close();
  }
}

type Delivery = {
  kind: "email" | "sms";
  token: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
};

function emailDelivery(org: LatencyOrg, token: string): Delivery {
  const raw = rawMail({
    from: `Prospect ${token} <s-${token}@prospects.example>`,
    to: org.mailbox,
    subject: `Quote ${token}`,
    messageId: `${token}@prospects.example`,
    date: new Date(),
    text: `Hi, can you send a quote for solar panels? Ref ${token}\n`,
  });
  const bytes = new Uint8Array(raw);
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    kind: "email",
    token,
    path: `/api/webhooks/email/inbound?org=${org.orgId}`,
    headers: {
      "content-type": "message/rfc822",
      [EMAIL_TIMESTAMP_HEADER]: String(timestamp),
      [EMAIL_SIGNATURE_HEADER]: signEmailDelivery(org.secret, timestamp, bytes),
    },
    body: bytes,
  };
}

function smsDelivery(appUrl: string, token: string, sender: string): Delivery {
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const pathname = "/api/webhooks/twilio/messaging";
  const params: Record<string, string> = {
    SmsMessageSid: sid,
    NumMedia: "0",
    SmsSid: sid,
    SmsStatus: "received",
    Body: `Hi, can you send a quote for solar panels? Ref ${token}`,
    To: TWILIO_NUMBER,
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: SECRETS.TWILIO_ACCOUNT_SID,
    From: sender,
    ApiVersion: "2010-04-01",
  };
  return {
    kind: "sms",
    token,
    path: pathname,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(SECRETS.TWILIO_AUTH_TOKEN, appUrl, pathname, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

type KindLatency = {
  sent: number;
  acked: number;
  non2xx: number;
  visible: number;
  lost: number;
  ack: Percentiles;
  toVisible: Percentiles;
};
type LatencyResult = {
  rate: number;
  seconds: number;
  pollMs: number;
  polls: number;
  poll: Percentiles;
  email: KindLatency;
  sms: KindLatency;
  ratio: { p50: number; p95: number; p99: number };
  server: { appDir: string; logFile: string };
  build: { built: boolean; ms: number };
};

async function runLatencyBenchmark(): Promise<LatencyResult> {
  await preparePostgres();
  const build = ensureBuild(APP_DIR, "api/webhooks/email/inbound/route.js", ARGS.has("--build"));
  const org = await latencyOrganization();
  const server = await startServer({
    name: "email",
    appDir: APP_DIR,
    env: () => benchAppEnv(SECRETS, BENCH_URL, "email"),
  });
  try {
    const cookie = await signIn(server.appUrl, org.email, PASSWORD);
    type Pending = { kind: "email" | "sms"; start: number; ack?: number; status?: number; visible?: number };
    const pending = new Map<string, Pending>();
    let senderSeq = Math.floor(Math.random() * 1_000_000);
    const send = async (d: Delivery) => {
      const p: Pending = { kind: d.kind, start: performance.now() };
      pending.set(d.token, p);
      const res = await fetch(`${server.appUrl}${d.path}`, {
        method: "POST",
        headers: d.headers,
        body: d.body as BodyInit,
      }).catch(() => null);
      p.ack = performance.now() - p.start;
      p.status = res?.status ?? 0;
      if (res) await res.text();
    };
    const next = (i: number): Delivery => {
      const token = `kb${createHash("sha1").update(`${i}-${randomUUID()}`).digest("hex").slice(0, 12)}`;
      return i % 2 === 0
        ? emailDelivery(org, token)
        : smsDelivery(server.appUrl, token, `+4179${String(++senderSeq % 10_000_000).padStart(7, "0")}`);
    };

    // Warm-up, unmeasured: a few of each kind, until the list shows them.
    for (let i = 0; i < 6; i++) await send(next(i));
    pending.clear();

    let polling = true;
    const pollTimes: number[] = [];
    const poller = (async () => {
      while (polling) {
        const at = performance.now();
        const res = await fetch(`${server.appUrl}/api/v1/conversations?status=all&limit=50`, { headers: { cookie } });
        const body = (await res.json()) as { conversations?: { lastMessagePreview: string | null }[] };
        const now = performance.now();
        pollTimes.push(now - at);
        if (!res.ok) throw new Error(`The inbox list answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
        const previews = (body.conversations ?? []).map((c) => c.lastMessagePreview ?? "").join("\n");
        for (const [token, p] of pending)
          if (p.visible === undefined && previews.includes(token)) p.visible = now - p.start;
        await sleep(POLL_MS);
      }
    })();

    console.log(
      `\nInbound to inbox: ${RATE} requests/s for ${SECONDS} s, email and SMS alternating, new senders; polling the inbox list every ${POLL_MS} ms.`,
    );
    const total = RATE * SECONDS;
    const interval = 1000 / RATE;
    const begin = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = begin + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(send(next(i + 100)));
    }
    await Promise.all(inFlight);
    const deadline = performance.now() + 30_000;
    while ([...pending.values()].some((p) => p.visible === undefined) && performance.now() < deadline) await sleep(50);
    polling = false;
    await poller;

    const of = (kind: "email" | "sms"): KindLatency => {
      const ps = [...pending.values()].filter((p) => p.kind === kind);
      const ok = ps.filter((p) => p.status && p.status >= 200 && p.status < 300);
      const seen = ok.filter((p) => p.visible !== undefined);
      return {
        sent: ps.length,
        acked: ok.length,
        non2xx: ps.length - ok.length,
        visible: seen.length,
        lost: ok.length - seen.length,
        ack: percentiles(ok.map((p) => p.ack!)),
        toVisible: percentiles(seen.map((p) => p.visible!)),
      };
    };
    const email = of("email");
    const sms = of("sms");
    return {
      rate: RATE,
      seconds: SECONDS,
      pollMs: POLL_MS,
      polls: pollTimes.length,
      poll: percentiles(pollTimes),
      email,
      sms,
      ratio: {
        p50: round(email.toVisible.p50 / sms.toVisible.p50),
        p95: round(email.toVisible.p95 / sms.toVisible.p95),
        p99: round(email.toVisible.p99 / sms.toVisible.p99),
      },
      server: { appDir: APP_DIR, logFile: server.logFile },
      build,
    };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------

async function main() {
  const benchStart = performance.now();
  let sync: SyncResult | null = null;
  let latency: LatencyResult | null = null;

  if (!ARGS.has("--skip-sync")) {
    const fake = await startFakeGmail();
    // Before anything reads the environment (env() is read once per process).
    // The logger exists by now (module load); info lines would bury the tables.
    logger.level = process.env.LOG_LEVEL ?? "warn";
    Object.assign(process.env, {
      KILN_DEMO_SEED: "false",
      KILN_WORKER: "inline",
      AUTH_SECRET: SECRETS.AUTH_SECRET,
      ENCRYPTION_KEY: SECRETS.ENCRYPTION_KEY,
      GOOGLE_CLIENT_ID: fake.google.clientId,
      GOOGLE_CLIENT_SECRET: fake.google.clientSecret,
      GOOGLE_OAUTH_BASE_URL: fake.url,
      KILN_DATA_DIR: path.join(os.tmpdir(), `kiln-bench-email-sync-${process.pid}`),
      ...(DRIVER === "postgres" ? { DATABASE_URL: BENCH_URL } : { DATABASE_URL: "", PGLITE_DIR: "memory://" }),
    });
    if (DRIVER === "postgres") await preparePostgres();
    try {
      await database();
      // Warm-up, unmeasured: both paths once on a small mailbox of their own, so neither pays for first use.
      await runSyncBenchmark(fake, WARMUP_MESSAGES, 1, () => undefined);
      console.log(
        `\nInitial sync: ${MESSAGES} messages a round (half leads opening a thread, a quarter their follow-ups, a quarter newsletters), ` +
          `${LEADS.toLocaleString("en")} leads per organization, ${DRIVER}.`,
      );
      sync = await runSyncBenchmark(fake, MESSAGES, ROUNDS, (line) => process.stdout.write(line));
    } finally {
      await drain();
      await closeDatabase();
      await fake.close();
    }
  }
  if (!ARGS.has("--skip-latency")) {
    process.env.ENCRYPTION_KEY = SECRETS.ENCRYPTION_KEY;
    process.env.AUTH_SECRET = SECRETS.AUTH_SECRET;
    latency = await runLatencyBenchmark();
  }

  if (sync) {
    const last = sync.rounds.at(-1)!;
    console.log(
      `\nGmail initial sync vs the plain ingest path: ${sync.messages} messages, ${sync.rounds.length} rounds (order rotated), ${sync.driver}; ` +
        "medians of ms per message over the rounds\n",
    );
    const perRound = (pick: (r: SyncRound) => PathRun) =>
      sync!.rounds.map((r) => pick(r).perMessageMs.toFixed(1)).join(" / ");
    printTable(
      [
        "path",
        "ms/message",
        "messages/s",
        "per round",
        "follow-ups drained (last)",
        "stored msgs/convs/leads (last)",
        "outcomes (last round)",
      ],
      [
        [
          "gmail initial sync",
          sync.gmail.perMessageMs.toFixed(2),
          sync.gmail.messagesPerSecond.toFixed(1),
          perRound((r) => r.gmail),
          `${(last.gmail.drainMs / 1000).toFixed(2)} s`,
          `${last.gmail.stored.messages}/${last.gmail.stored.conversations}/${last.gmail.stored.leads}`,
          `${last.gmail.jobs} jobs, ${last.gmail.apiCalls} Gmail calls; ${JSON.stringify(last.gmail.outcomes)}`,
        ],
        [
          "gmail filing only (reference)",
          sync.filing.perMessageMs.toFixed(2),
          sync.filing.messagesPerSecond.toFixed(1),
          perRound((r) => r.filing),
          `${(last.filing.drainMs / 1000).toFixed(2)} s`,
          "",
          JSON.stringify(last.filing.outcomes),
        ],
        [
          "ingest (baseline)",
          sync.ingest.perMessageMs.toFixed(2),
          sync.ingest.messagesPerSecond.toFixed(1),
          perRound((r) => r.ingest),
          `${(last.ingest.drainMs / 1000).toFixed(2)} s`,
          `${last.ingest.stored.messages}/${last.ingest.stored.conversations}/${last.ingest.stored.leads}`,
          JSON.stringify(last.ingest.outcomes),
        ],
      ],
    );
    console.log(
      `ratio gmail sync / ingest: ${sync.ratio.toFixed(2)}x; gmail sync / filing only: ${sync.ratioToFiling.toFixed(2)}x ` +
        "(the initial sync files history: no notifications, drafts or task suggestions, which the webhook path runs for every lead reply)",
    );
  }
  if (latency) {
    console.log(
      `\nWebhook → visible in the inbox list (ms, request start → first poll showing it; baseline: SMS; ${latency.polls} polls, list p50 ${latency.poll.p50} ms)\n`,
    );
    const row = (name: string, k: KindLatency) => [
      name,
      String(k.sent),
      String(k.non2xx),
      String(k.lost),
      k.ack.p50.toFixed(1),
      k.ack.p99.toFixed(1),
      k.toVisible.p50.toFixed(1),
      k.toVisible.p95.toFixed(1),
      k.toVisible.p99.toFixed(1),
      k.toVisible.max.toFixed(1),
    ];
    printTable(
      ["kind", "sent", "non-2xx", "not visible", "ack p50", "ack p99", "visible p50", "p95", "p99", "max"],
      [row("email", latency.email), row("sms (baseline)", latency.sms)],
    );
    console.log(`ratio email/sms: p50 ${latency.ratio.p50}x, p95 ${latency.ratio.p95}x, p99 ${latency.ratio.p99}x`);
  }

  const now = new Date();
  const dump = {
    at: now.toISOString(),
    label: process.env.BENCH_LABEL ?? null,
    totalSeconds: round((performance.now() - benchStart) / 1000, 1),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      node: process.version,
      loadavg: os.loadavg(),
    },
    settings: {
      driver: DRIVER,
      messages: MESSAGES,
      rounds: ROUNDS,
      leads: LEADS,
      rate: RATE,
      seconds: SECONDS,
      pollMs: POLL_MS,
    },
    sync,
    latency,
  };
  const saved = saveRun("email", now, dump.label, dump, emailSummary(dump));
  console.log(
    `\nResults: ${saved.summary} (headline), ${saved.raw} (everything, not committed). Total ${dump.totalSeconds} s.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
