/**
 * npm run bench:ai [-- --n 50]
 *
 * How long a lead waits for a draft: from a signed Twilio inbound webhook being accepted
 * (the route handler answered 200) to the approval task row existing, with the offline AI
 * provider. Runs in one process against the real route handler and the real database:
 * the embedded database in memory by default, or PostgreSQL with BENCH_DATABASE_URL (a
 * throwaway database: it is migrated and gets a fresh organization per run).
 *
 * Each sample is a new message; every other one comes from a number already talking to
 * the organization (so half are new leads and conversations, half an existing thread whose
 * previous draft gets superseded). The clock stops when a poll (every 2 ms, on its own
 * connection on PostgreSQL) sees the task; samples run one after another so each measures
 * the pipeline unloaded: process the event after the response → schedule the draft →
 * provider → record the task.
 *
 * Env: BENCH_N (50), BENCH_DATABASE_URL (unset → embedded), BENCH_LABEL.
 */
import { randomBytes, randomInt } from "node:crypto";
import twilio from "twilio";

process.env.LOG_LEVEL ??= "silent";
process.env.KILN_DEMO_SEED = "false";
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else {
  process.env.DATABASE_URL = "";
  process.env.PGLITE_DIR = "memory://";
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function main() {
  const N = Number(arg("n") ?? process.env.BENCH_N ?? 50);
  const [
    { withRls, withService },
    { closeDatabase, database },
    { webhookKey, webhookUrl },
    { createChannel },
    { createAgent },
    { AGENT_TEMPLATES },
    { settled },
    route,
  ] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/db/client"),
    import("@/lib/channels/secrets"),
    import("@/lib/channels/admin"),
    import("@/lib/agents/mutations"),
    import("@/lib/agents/templates"),
    import("@/lib/jobs/soon"),
    import("@/app/api/webhooks/twilio/messaging/route"),
  ]);
  const driver = await database();
  const { aiProvider } = await import("@/lib/ai");
  const provider = aiProvider();
  if (provider.name !== "local")
    console.warn(
      `Note: the configured provider is ${provider.name} (${provider.model}); this bench is meant for the offline assistant.`,
    );

  // A fresh organization with a Twilio number and a default sales agent.
  const suffix = randomBytes(4).toString("hex");
  const ownerId = await withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data) values ($1, 'x', now(), '{"full_name":"Bench owner"}') returning id`,
      [`bench-ai-${suffix}@kiln.test`],
    );
    return rows[0]!.id;
  });
  const claims = { sub: ownerId, email: `bench-ai-${suffix}@kiln.test`, role: "authenticated" as const };
  const orgId = await withRls(
    claims,
    async (tx) =>
      (await tx.query<{ id: string }>("select private.create_organization($1) as id", [`Bench AI ${suffix}`])).rows[0]!
        .id,
  );
  const number = `+4178${randomInt(1_000_000, 9_999_999)}`;
  await withRls(claims, async (tx) => {
    await createChannel(tx, ownerId, orgId, {
      provider: "twilio",
      address: number,
      capabilities: ["sms"],
      label: "Bench line",
    });
    const sales = AGENT_TEMPLATES.find((t) => t.role === "sales")!;
    await createAgent(tx, ownerId, orgId, { ...sales, name: "Bench agent", language: "en" });
  });

  const path = "/api/webhooks/twilio/messaging";
  // This organization's sandbox URL and secret, or the plain URL and auth token when live.
  const url = webhookUrl(path, "twilio", orgId);
  const token = webhookKey(new URL(url), "twilio").secret;
  const messages = [
    "Hi, we have about CHF 20k set aside for solar on our house. I'm the owner.",
    "Do you also install battery storage? We'd like it before summer.",
    "What would a 12 kWp system cost roughly?",
    "Maybe we could spend around 15k, not sure yet",
    "Can someone come by next week for a site visit?",
  ];
  let previousSender = "";
  const samples: number[] = [];

  for (let i = 0; i < N + 3; i++) {
    const from = i % 2 === 1 && previousSender ? previousSender : `+4179${randomInt(1_000_000, 9_999_999)}`;
    previousSender = from;
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const params = {
      MessageSid: sid,
      AccountSid: `AC${"0".repeat(32)}`,
      From: from,
      To: number,
      Body: messages[i % messages.length]!,
      NumMedia: "0",
    };
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    const request = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    });
    const response = await route.POST(request);
    const accepted = performance.now();
    if (response.status !== 200) throw new Error(`Webhook answered ${response.status}`);
    // Polls on the same driver the app uses (on PGlite that is the one connection, as in production).
    for (;;) {
      const { rows } = await driver.transaction((tx) =>
        tx.query(
          `select 1 from public.hil_tasks t join public.messages m on m.id = t.inbound_message_id
            where m.provider = 'twilio' and m.provider_message_id = $1`,
          [sid],
        ),
      );
      if (rows.length) break;
      if (performance.now() - accepted > 30_000) throw new Error(`No draft for ${sid} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const elapsed = performance.now() - accepted;
    await settled();
    if (i >= 3) samples.push(elapsed); // the first few warm up caches and JIT
  }

  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const label = process.env.BENCH_LABEL ? ` (${process.env.BENCH_LABEL})` : "";
  console.log(
    `AI draft latency${label}: webhook accepted → approval task row, ${driver.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ${provider.name} ${provider.model}`,
  );
  console.log(
    `  n=${samples.length}  median=${percentile(samples, 50).toFixed(1)} ms  p90=${percentile(samples, 90).toFixed(1)} ms  ` +
      `mean=${mean.toFixed(1)} ms  min=${samples[0]!.toFixed(1)} ms  max=${samples[samples.length - 1]!.toFixed(1)} ms`,
  );
  const { rows } = await withService((tx) =>
    tx.query<{ status: string; n: number }>(
      "select status, count(*)::int as n from public.hil_tasks where org_id = $1 group by status order by status",
      [orgId],
    ),
  );
  console.log(`  tasks: ${rows.map((r) => `${r.status} ${r.n}`).join(", ")}`);
  await closeDatabase();
  const { stopJobQueue } = await import("@/lib/jobs/boss");
  await stopJobQueue();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
