/**
 * npm run bench:notifications
 *
 * 1. Webhook → notification latency. A signed Twilio inbound SMS (the real route handler,
 *    X-Twilio-Signature made by the twilio SDK) from the phone of a lead owned by a rep: the
 *    conversation is assigned to the rep, so processing (after the acknowledgement, as in
 *    production) calls notify(). Measured from just before the POST to
 *    - the in-app notification row being visible to a separate connection (polled every 2 ms),
 *    - the `notifications` event reaching a LISTEN subscriber (lib/realtime/hub: the path the
 *      SSE stream of every app instance uses).
 *    BENCH_MESSAGES (default 100) messages, one after another; median and p90.
 * 2. Delivery throughput. BENCH_EMAILS (default 300) email deliveries through the job queue
 *    (pg-boss `notifications.deliver`, the worker's concurrency) to a local SMTP sink written
 *    with node:net, against a baseline measured in the same run: the same number of emails
 *    sent with nodemailer directly (one transport per email, like lib/email/send.ts, the same
 *    concurrency), no database and no queue. Reported as emails/s and as a ratio.
 *
 * Database: BENCH_DATABASE_URL (default postgres://postgres:postgres@127.0.0.1:5432/kiln_bench_notifications,
 * created when missing; never point it at a database you care about).
 */
import { createServer, type AddressInfo, type Socket } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { adminUrl, withClient } from "./db";

const DATABASE =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/kiln_bench_notifications";
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 300);
const CONCURRENCY = 4; // notifications.deliver's worker concurrency

// --- SMTP sink -------------------------------------------------------------------------
let received = 0;
function sink(socket: Socket) {
  let buffer = "";
  let inData = false;
  socket.write("220 sink ESMTP\r\n");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("latin1");
    for (;;) {
      if (inData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end < 0) return;
        buffer = buffer.slice(end + 5);
        inData = false;
        received += 1;
        socket.write("250 OK\r\n");
        continue;
      }
      const nl = buffer.indexOf("\r\n");
      if (nl < 0) return;
      const verb = buffer.slice(0, 4).toUpperCase();
      buffer = buffer.slice(nl + 2);
      if (verb === "EHLO" || verb === "HELO") socket.write("250-sink\r\n250 8BITMIME\r\n");
      else if (verb === "DATA") {
        inData = true;
        socket.write("354 go\r\n");
      } else if (verb === "QUIT") socket.end("221 bye\r\n");
      else socket.write("250 OK\r\n");
    }
  });
  socket.on("error", () => {});
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const smtp = createServer(sink);
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.address() as AddressInfo).port}`;

  const { admin, database } = adminUrl(DATABASE);
  await withClient(admin, async (client) => {
    const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!exists.rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  });
  Object.assign(process.env, {
    DATABASE_URL: DATABASE,
    DATABASE_POOL_MAX: "8",
    SMTP_URL: smtpUrl,
    KILN_DEMO_SEED: "false",
    LOG_LEVEL: "silent",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "kiln-bench-auth-secret-0123456789abcdefghijklmnop",
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? Buffer.alloc(32, 5).toString("base64"),
  });

  const { withService } = await import("@/lib/db");
  const { closeDatabase, database: open } = await import("@/lib/db/client");
  const { subscribe } = await import("@/lib/realtime/hub");
  const { enqueue, stopJobQueue } = await import("@/lib/jobs/boss");
  const { startWorkers } = await import("@/lib/jobs/worker");
  await import("@/lib/jobs/catalog"); // registers the first-attempt handlers deliverSoon runs
  const { deliverSoon } = await import("@/lib/notifications/queue");
  const { deliverJob } = await import("@/lib/notifications/workers");
  const { settled } = await import("@/lib/jobs/soon");
  const { env } = await import("@/lib/env");
  const twilio = (await import("twilio")).default;
  const { webhookKey, webhookUrl } = await import("@/lib/channels/secrets");
  const { POST } = await import("@/app/api/webhooks/twilio/messaging/route");
  await open();

  // --- Fixtures: an organization, a rep, a Twilio number, leads owned by the rep. ---------
  const run = randomUUID().slice(0, 8);
  const number = `+4144${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;
  const { orgId, repId, leads } = await withService(async (tx) => {
    const users = await tx.query<{ id: string }>(
      `insert into auth.users (email, encrypted_password) values ($1, 'x'), ($2, 'x') returning id`,
      [`owner-${run}@bench.test`, `rep-${run}@bench.test`],
    );
    const [ownerId, repId] = users.rows.map((r) => r.id) as [string, string];
    const org = await tx.query<{ id: string }>("insert into public.organizations (name) values ($1) returning id", [
      `Bench notifications ${run}`,
    ]);
    const orgId = org.rows[0]!.id;
    await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner'), ($1, $3, 'rep')", [
      orgId,
      ownerId,
      repId,
    ]);
    await tx.query(
      "insert into public.channels (org_id, provider, address, capabilities, label) values ($1, 'twilio', $2, '{sms}', 'Bench')",
      [orgId, number],
    );
    // In-app only for the rep, so part 1 measures the in-app path alone.
    await tx.query(
      `insert into public.user_notification_settings (user_id, channels, quiet_enabled) values ($1, '{"inbox_messages": {"email": false}}', false)`,
      [repId],
    );
    const leads: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const phone = `+4179${String(2_000_000 + i)}`;
      const lead = await tx.query<{ phone: string }>(
        "insert into public.leads (org_id, owner_id, name, phone) values ($1, $2, $3, $4) on conflict do nothing returning phone",
        [orgId, repId, `Bench lead ${i}`, phone],
      );
      if (lead.rows[0]) leads.push(lead.rows[0].phone);
    }
    return { orgId, repId, leads };
  });

  // --- 1. Latency ------------------------------------------------------------------------
  const path = "/api/webhooks/twilio/messaging";
  const url = webhookUrl(path, "twilio", orgId);
  const token = webhookKey(new URL(url), "twilio").secret;
  const waiting = new Map<string, (at: number) => void>();
  const unsubscribe = await subscribe((event) => {
    if (event.topic === "notifications" && event.user_id === repId)
      for (const [, resolve] of waiting) resolve(performance.now());
  });
  const toRow: number[] = [];
  const toEvent: number[] = [];
  for (const [i, from] of leads.entries()) {
    const params = {
      MessageSid: `SM${randomBytes(16).toString("hex")}`,
      AccountSid: `AC${"0".repeat(32)}`,
      From: from,
      To: number,
      Body: `Bench message ${i}`,
      NumMedia: "0",
    };
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    const before = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>("select count(*)::int as n from public.notifications where user_id = $1", [
            repId,
          ])
        ).rows[0]!.n,
    );
    const key = randomUUID();
    const event = new Promise<number>((resolve) => waiting.set(key, resolve));
    const t0 = performance.now();
    const response = await POST(
      new Request(url, {
        method: "POST",
        body: new URLSearchParams(params).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      }),
    );
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    let rowAt = 0;
    for (;;) {
      const n = await withService(
        async (tx) =>
          (
            await tx.query<{ n: number }>("select count(*)::int as n from public.notifications where user_id = $1", [
              repId,
            ])
          ).rows[0]!.n,
      );
      if (n > before) {
        rowAt = performance.now();
        break;
      }
      if (performance.now() - t0 > 10_000) throw new Error("no notification within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const eventAt = await Promise.race([
      event,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error("no live event within 10 s")), 10_000)),
    ]);
    waiting.delete(key);
    toRow.push(rowAt - t0);
    toEvent.push(eventAt - t0);
  }
  unsubscribe();

  // --- 2. Delivery throughput -----------------------------------------------------------
  const makeDeliveries = () =>
    withService(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < EMAILS; i++) {
        const n = await tx.query<{ id: string }>(
          "insert into public.notifications (org_id, user_id, kind, category, params, action_url) values ($1, $2, 'integration_failing', 'integrations', $3, '/settings') returning id",
          [orgId, repId, { provider: "twilio", status: "error", detail: `Bench email ${i}` }],
        );
        const d = await tx.query<{ id: string }>(
          "insert into public.notification_deliveries (notification_id, org_id, user_id, channel) values ($1, $2, $3, 'email') returning id",
          [n.rows[0]!.id, orgId, repId],
        );
        ids.push(d.rows[0]!.id);
      }
      return ids;
    });

  // (a) The path notify() takes: the first attempt right after commit (deliverSoon), CONCURRENCY batches at once.
  const soonIds = await makeDeliveries();
  const s0 = performance.now();
  const batch = Math.ceil(EMAILS / CONCURRENCY);
  for (let i = 0; i < CONCURRENCY; i++) deliverSoon(soonIds.slice(i * batch, (i + 1) * batch));
  await settled();
  const soon = performance.now() - s0;

  // (b) The retry path: one pg-boss job per delivery.
  const deliveryIds = await makeDeliveries();
  await startWorkers([deliverJob]);
  received = 0;
  const q0 = performance.now();
  for (const deliveryId of deliveryIds) await enqueue(deliverJob, { deliveryId });
  for (;;) {
    const pending = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>(
            "select count(*)::int as n from public.notification_deliveries where id = any ($1::uuid[]) and status <> 'sent'",
            [deliveryIds],
          )
        ).rows[0]!.n,
    );
    if (pending === 0) break;
    if (performance.now() - q0 > 300_000) throw new Error(`deliveries still pending: ${pending}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const queued = performance.now() - q0;

  received = 0;
  const b0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EMAILS) {
        const i = next++;
        await nodemailer.createTransport(smtpUrl).sendMail({
          from: env().EMAIL_FROM,
          to: `rep-${run}@bench.test`,
          subject: `Bench email ${i}`,
          text: "Bench",
        });
      }
    }),
  );
  const baseline = performance.now() - b0;
  if (received !== EMAILS) throw new Error(`the sink received ${received} of ${EMAILS} baseline emails`);

  const rate = (n: number, t: number) => (n / t) * 1000;
  console.log(`\nWebhook → notification (${toRow.length} signed Twilio messages, PostgreSQL)`);
  console.log(`  in-app row visible:     median ${ms(percentile(toRow, 50))}   p90 ${ms(percentile(toRow, 90))}`);
  console.log(`  LISTEN event received:  median ${ms(percentile(toEvent, 50))}   p90 ${ms(percentile(toEvent, 90))}`);
  console.log(`\nEmail delivery throughput (${EMAILS} emails, concurrency ${CONCURRENCY}, local SMTP sink)`);
  console.log(`  baseline (nodemailer directly):         ${rate(EMAILS, baseline).toFixed(1)} emails/s`);
  console.log(
    `  first attempt after commit (deliverSoon): ${rate(EMAILS, soon).toFixed(1)} emails/s  ratio ${(soon > 0 ? baseline / soon : 0).toFixed(2)}`,
  );
  console.log(
    `  retry queue (pg-boss notifications.deliver): ${rate(EMAILS, queued).toFixed(1)} emails/s  ratio ${(baseline / queued).toFixed(3)}\n`,
  );

  await stopJobQueue();
  await closeDatabase();
  smtp.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
