/**
 * npm run bench:rls — what row-level security costs per request.
 *
 * For each driver (in-memory PGlite; PostgreSQL too when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set) it times N requests of a trivial read:
 *   rls:      a transaction that does exactly what withRls() does (actAs: set the JWT
 *             claims and the role) and then `select id, name from organizations where id = $1`
 *             as a member, so the policy (current_org_ids()) applies;
 *   baseline: the same query in a plain transaction as the table owner (no RLS), filtered
 *             by hand;
 *   +setup:   baseline plus the same set_config round trip withRls makes (claims only, role
 *             unchanged), so "withRls - +setup" is what the policy itself costs.
 * The variants alternate op by op, so drift (GC, other load) hits all alike.
 * Env: BENCH_N (default 2000), BENCH_ORGS (other tenants seeded, default 200).
 */
import { randomUUID } from "node:crypto";
import { type Claims } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import type { Driver } from "@/lib/db/types";
import { sampleInterleaved } from "./measure";
import { withRlsOn } from "./db";

const N = Number(process.env.BENCH_N ?? 2000);
const WARMUP = Math.min(200, N);
const OTHER_ORGS = Number(process.env.BENCH_ORGS ?? 200);
const QUERY = "select id, name from public.organizations where id = $1";

type Fixture = { orgId: string; claims: Claims; cleanup: () => Promise<void> };

/** One member's organization among OTHER_ORGS others (so policies look through real memberships). */
async function seed(driver: Driver): Promise<Fixture> {
  const run = randomUUID().slice(0, 8);
  const emails: string[] = [];
  const userIds: string[] = [];
  for (let i = 0; i <= OTHER_ORGS; i++) emails.push(`bench-${run}-${i}@kiln.test`);
  await driver.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      "insert into auth.users (email, encrypted_password) select unnest($1::text[]), 'x' returning id",
      [emails],
    );
    userIds.push(...rows.map((r) => r.id));
  });
  const orgIds: string[] = [];
  for (const [i, id] of userIds.entries()) {
    const claims: Claims = { sub: id, email: emails[i], role: "authenticated" };
    orgIds.push(
      await withRlsOn(driver, claims, async (tx) => {
        const { rows } = await tx.query<{ id: string }>("select private.create_organization($1) as id", [
          `Bench ${run} ${i}`,
        ]);
        return rows[0]!.id;
      }),
    );
  }
  // The benchmarked user also belongs to a few other organizations, as real users do.
  await driver.transaction((tx) =>
    tx.query("insert into public.memberships (org_id, user_id, role) select unnest($1::uuid[]), $2, 'rep'", [
      orgIds.slice(1, 4),
      userIds[0],
    ]),
  );
  return {
    orgId: orgIds[0]!,
    claims: { sub: userIds[0]!, email: emails[0], role: "authenticated" },
    cleanup: () =>
      driver.transaction(async (tx) => {
        await tx.query("delete from public.organizations where id = any($1::uuid[])", [orgIds]);
        await tx.query("delete from auth.users where id = any($1::uuid[])", [userIds]);
      }),
  };
}

async function bench(label: string, driver: Driver) {
  await migrate(driver);
  const fixture = await seed(driver);
  try {
    const rls = () =>
      withRlsOn(driver, fixture.claims, async (tx) => {
        const { rows } = await tx.query(QUERY, [fixture.orgId]);
        if (rows.length !== 1) throw new Error(`${label}: the member should read their organization`);
      });
    const baseline = () =>
      driver.transaction(async (tx) => {
        const { rows } = await tx.query(QUERY, [fixture.orgId]);
        if (rows.length !== 1) throw new Error(`${label}: baseline should read the organization`);
      });
    const setupOnly = () =>
      driver.transaction(async (tx) => {
        await tx.query("select set_config('request.jwt.claims', $1, true), set_config('role', current_user, true)", [
          JSON.stringify(fixture.claims),
        ]);
        const { rows } = await tx.query(QUERY, [fixture.orgId]);
        if (rows.length !== 1) throw new Error(`${label}: baseline should read the organization`);
      });
    const variants = [rls, baseline, setupOnly];
    const [rlsStats, baselineStats, setupStats] = await sampleInterleaved(variants, N, WARMUP);
    return { label, rls: rlsStats!, baseline: baselineStats!, setup: setupStats! };
  } finally {
    await fixture.cleanup();
  }
}

function printTable(results: Awaited<ReturnType<typeof bench>>[]) {
  const header = [
    "driver",
    "baseline median",
    "baseline p95",
    "+setup median",
    "withRls median",
    "withRls p95",
    "ratio median",
    "ratio p95",
    "policy share",
  ];
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const rows = results.map((r) => [
    r.label,
    ms(r.baseline.median),
    ms(r.baseline.p95),
    ms(r.setup.median),
    ms(r.rls.median),
    ms(r.rls.p95),
    `${(r.rls.median / r.baseline.median).toFixed(2)}x`,
    `${(r.rls.p95 / r.baseline.p95).toFixed(2)}x`,
    ms(r.rls.median - r.setup.median),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\nRLS cost per request: N=${N} ops each (after ${WARMUP} warm-up), ${OTHER_ORGS + 1} organizations`);
  console.log(`query: ${QUERY}`);
  console.log(
    "ratio = withRls / baseline; policy share = withRls - (+setup), the part not explained by the extra round trip\n",
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

async function main() {
  const results = [];

  const pglite = await openPglite("memory://");
  try {
    results.push(await bench("pglite (memory)", pglite));
  } finally {
    await pglite.close();
  }

  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const postgres = openPostgres(url, 2);
    try {
      results.push(await bench("postgresql", postgres));
    } finally {
      await postgres.close();
    }
  } else {
    console.log("(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it)");
  }

  printTable(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
