import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService, type Claims, type Tx } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import * as direct from "@/lib/analytics/direct-leads";
import * as rollups from "@/lib/analytics/lead-rollups";
import { resolveRange } from "@/lib/analytics/range";
import { rebuildAnalytics } from "@/lib/analytics/rebuild";
import { HEAT_LEVELS, type AnalyticsQuery, type RangeKey } from "@/lib/analytics/types";
import { importLeads, prepareImport } from "@/lib/leads/csv";
import { bulkUpdate, createLead, overrideHeat, setDeleted, updateLead } from "@/lib/leads/mutations";
import { countLeadsByHeat, listLeads } from "@/lib/leads/queries";
import { listLeadsQuerySchema, type LeadStatus } from "@/lib/leads/schema";
import { applySignals } from "@/lib/leads/signals";
import { createProject } from "@/lib/orgs/projects";
import { updateOrganization } from "@/lib/orgs/organization";
import { seededRandom } from "@/lib/random/seeded";
import type { BantDimensionName, Signal } from "@/lib/scoring";
import { addMember, createTestOrg, createTestUser, uniqueName, type TestUser } from "../helpers";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DIMENSIONS: BantDimensionName[] = ["budget", "authority", "need", "timeline"];
const STATUSES: LeadStatus[] = ["new", "contacted", "qualified", "meeting_scheduled", "won", "lost"];

type World = {
  orgId: string;
  owner: TestUser;
  manager: TestUser;
  reps: [TestUser, TestUser];
  projects: [string, string];
};

const userActor = (user: TestUser, name: string) => ({ type: "user" as const, id: user.id, name });

/** Every widget of the lead family, from the rollups as `claims` sees them. */
async function rollupAnswers(claims: Claims, orgId: string, q: AnalyticsQuery) {
  return withRls(claims, async (tx) => ({
    heat: await rollups.heatWidget(tx, q, orgId),
    pipeline: await rollups.pipelineWidget(tx, q, orgId),
    progression: await rollups.progressionWidget(tx, q, orgId),
    team: Object.fromEntries(await rollups.teamLeads(tx, q, orgId)),
  }));
}

/** The same from the source tables, with the scope spelled out. */
async function directAnswers(orgId: string, restrictedTo: string | null, q: AnalyticsQuery) {
  const scope = { orgId, restrictedTo };
  return withService(async (tx) => ({
    heat: await direct.heatWidget(tx, q, scope),
    pipeline: await direct.pipelineWidget(tx, q, scope),
    progression: await direct.progressionWidget(tx, q, scope),
    team: Object.fromEntries(await direct.teamLeads(tx, q, scope)),
  }));
}

type Answers = Awaited<ReturnType<typeof rollupAnswers>>;

/** The histogram's median is within one bin, 2% of (seconds + 60 s); the direct one is exact. */
function expectSameAnswers(rollup: Answers, truth: Answers, label: string) {
  const { medianSecondsToHot: rm, ...rp } = rollup.progression;
  const { medianSecondsToHot: tm, ...tp } = truth.progression;
  expect({ ...rollup, progression: rp }, label).toEqual({ ...truth, progression: tp });
  for (const period of ["current", "previous"] as const) {
    const [r, t] = [rm[period], tm[period]];
    if (t === null) expect(r, `${label} median (${period})`).toBeNull();
    else expect(Math.abs(r! - t), `${label} median (${period}) ${r} vs ${t}`).toBeLessThanOrEqual(0.0201 * (t + 60));
  }
}

function queries(world: World, now: Date): AnalyticsQuery[] {
  const ranges: RangeKey[] = ["24h", "7d", "30d", "90d"];
  return [null, ...world.projects].flatMap((projectId) =>
    ranges.map((range) => resolveRange({ range, timeZone: "Europe/Zurich", projectId, now })),
  );
}

/** A few dozen writes of every kind the app makes, chosen by a seeded generator. */
async function randomHistory(world: World, seed: number): Promise<void> {
  const rnd = seededRandom(seed);
  const { orgId, manager, reps, projects } = world;
  const managerActor = userActor(manager, "Mia Manager");
  const leads: string[] = [];
  const live = async () =>
    withService(
      async (tx) =>
        (
          await tx.query<{ id: string; owner_id: string | null }>(
            "select id, owner_id from public.leads where org_id = $1 and deleted_at is null order by name",
            [orgId],
          )
        ).rows,
    );
  const owners = () => rnd.pick([null, manager.id, reps[0].id, reps[1].id]);
  const project = () => rnd.pick([null, ...projects]);
  const signal = (n: number): Signal => {
    const at = new Date().toISOString();
    const kind = rnd.int(0, 6);
    if (kind <= 2)
      return {
        type: "bant_update",
        at,
        dimension: rnd.pick(DIMENSIONS),
        status: rnd.pick(["confirmed", "confirmed", "confirmed", "partial", "unknown"] as const),
        value: "Noted",
        evidence: { kind: "user", by: "set by Mia Manager" },
      } as Signal;
    if (kind <= 4) return { type: "inbound_reply", at, responseSeconds: rnd.int(30, 7200) } as Signal;
    if (kind === 5)
      return {
        type: "meeting_booked",
        at,
        meetingId: `m-${seed}-${n}`,
        startsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      } as Signal;
    return { type: "meeting_held", at, meetingId: `m-${seed}-${n - 1}` } as Signal;
  };

  for (let step = 0; step < 90; step++) {
    const current = await live();
    const target = current.length ? rnd.pick(current) : null;
    const op = current.length < 8 ? 0 : rnd.int(0, 14);
    if (op <= 1) {
      // Created by the manager for anyone, or by a rep for themselves.
      const byRep = rnd.chance(0.3);
      const rep = rnd.pick(reps);
      const id = await withRls(byRep ? rep.claims : manager.claims, (tx) =>
        createLead(tx, byRep ? userActor(rep, "Rep") : managerActor, orgId, {
          name: `Lead ${seed}-${step}`,
          email: `lead-${seed}-${step}-${orgId.slice(0, 6)}@example.test`,
          ownerId: byRep ? rnd.pick([null, rep.id]) : owners(),
          projectId: project(),
          status: rnd.pick(STATUSES),
        }),
      );
      leads.push(id);
    } else if (op <= 6 && target) {
      await withRls(manager.claims, (tx) =>
        applySignals(tx, {
          orgId,
          leadId: target.id,
          actor: managerActor,
          signals: Array.from({ length: rnd.int(2, 6) }, (_, k) => signal(step * 10 + k)),
        }),
      );
    } else if (op === 7 && target) {
      await withRls(manager.claims, (tx) =>
        overrideHeat(tx, managerActor, orgId, target.id, {
          level: rnd.pick([...HEAT_LEVELS, null]),
          reason: "Keen at the fair",
        }),
      );
    } else if (op === 8 && target) {
      // The daily review, some days on: silence cools the lead.
      const now = new Date(Date.now() + rnd.int(3, 40) * DAY);
      await withService((tx) =>
        applySignals(tx, {
          orgId,
          leadId: target.id,
          actor: { type: "system", name: "Daily heat review" },
          signals: [{ type: "decay", at: now.toISOString() }],
          now,
        }),
      );
    } else if (op === 9) {
      const ids = rnd.shuffle(current.map((l) => l.id)).slice(0, rnd.int(2, 6));
      await withRls(manager.claims, (tx) =>
        bulkUpdate(
          tx,
          managerActor,
          orgId,
          rnd.chance(0.5)
            ? { ids, changes: { ownerId: owners() } }
            : { ids, changes: { projectId: project(), status: rnd.pick(STATUSES) } },
        ),
      );
    } else if (op === 10 && target) {
      await withRls(manager.claims, (tx) =>
        updateLead(tx, managerActor, orgId, target.id, { projectId: project(), status: rnd.pick(STATUSES) }),
      );
    } else if (op === 11 && target) {
      await withRls(manager.claims, (tx) => setDeleted(tx, managerActor, orgId, target.id, true));
      if (rnd.chance(0.5)) await withRls(manager.claims, (tx) => setDeleted(tx, managerActor, orgId, target.id, false));
    } else if (op === 12 && target) {
      // Gone for good: a live lead (its events cascade) or one soft-deleted before.
      await withService((tx) => tx.query("delete from public.leads where id = $1", [target.id]));
    } else {
      // The demo seed's way: the story happened earlier than the rows were written.
      const id = target!.id;
      const back = rnd.int(0, 60) * DAY + rnd.int(0, 23) * HOUR + rnd.int(0, 59) * 60_000;
      await withService(async (tx) => {
        await tx.query("update public.leads set created_at = created_at - $2::interval where id = $1", [
          id,
          `${back / 1000} seconds`,
        ]);
        await tx.query(
          `update public.lead_events set created_at = created_at - ($2::interval * random())
            where lead_id = $1 and type = 'heat_changed'`,
          [id, `${back / 1000} seconds`],
        );
      });
    }
  }

  // An import: the manager's CSV with owners and projects by name.
  const csv = [
    "name,email,owner_email,status",
    ...Array.from(
      { length: 12 },
      (_, i) =>
        `Imported ${i},imported-${seed}-${i}-${orgId.slice(0, 6)}@example.test,${rnd.pick(["", reps[0].email, reps[1].email])},${rnd.pick(STATUSES)}`,
    ),
  ].join("\n");
  const request = new Request("http://kiln.test/api/v1/leads/import", {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: csv,
  });
  const prepared = await prepareImport(manager.claims, orgId, managerActor, request);
  const report = await importLeads(manager.claims, orgId, "manager", managerActor, prepared);
  expect(report.created).toBe(12);
}

async function rollupRows(orgId: string) {
  return withService(async (tx) => {
    const read = async (table: string) =>
      (await tx.query(`select xmin::text, t.* from public.${table} t where org_id = $1 order by 2, 3, 4, 5`, [orgId]))
        .rows;
    return {
      totals: await read("analytics_lead_totals"),
      cohorts: await read("analytics_lead_cohorts"),
      history: await read("analytics_heat_history"),
    };
  });
}

let world: World;

beforeAll(async () => {
  const owner = await createTestUser({ fullName: "Olga Owner" });
  const manager = await createTestUser({ fullName: "Mia Manager" });
  const reps: [TestUser, TestUser] = [
    await createTestUser({ fullName: "Rita Rep" }),
    await createTestUser({ fullName: "Rolf Rep" }),
  ];
  const orgId = await createTestOrg(owner, uniqueName("Rollups"));
  await addMember(orgId, manager, "manager");
  for (const rep of reps) await addMember(orgId, rep, "rep");
  const projects = await withRls(owner.claims, async (tx) => {
    await updateOrganization(tx, owner.id, orgId, { repsSeeOwnLeadsOnly: true });
    const a = await createProject(tx, owner.id, orgId, { name: "Rooftops", description: "" });
    const b = await createProject(tx, owner.id, orgId, { name: "Batteries", description: "" });
    return [a.id, b.id] as [string, string];
  });
  world = { orgId, owner, manager, reps, projects };
  // Another history: ROLLUP_SEED=<n> npx vitest run --project integration tests/integration/analytics/lead-rollups.test.ts
  await randomHistory(world, Number(process.env.ROLLUP_SEED ?? 1313));
}, 600_000);

afterAll(() => closeDatabase());

describe("lead rollups (HEAT, pipeline, progression, team)", () => {
  it("answer like the direct aggregates for a manager, a restricted rep and each project", async () => {
    const now = new Date();
    // The history is rich enough to mean something: levels, days and first-hot times differ.
    const wide = await directAnswers(world.orgId, null, resolveRange({ range: "90d", timeZone: "UTC", now }));
    expect(Object.values(wide.heat.now).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    const distinctDays = new Set(wide.progression.days.map((d) => JSON.stringify({ ...d, day: "" })));
    expect(distinctDays.size).toBeGreaterThan(3);
    expect(wide.progression.medianSecondsToHot.current).not.toBeNull();
    const { budget, authority, need, timeline } = wide.pipeline.current;
    expect(budget + authority + need + timeline).toBeGreaterThan(0);
    for (const q of queries(world, now)) {
      const label = `${q.range} project ${q.projectId ?? "all"}`;
      expectSameAnswers(
        await rollupAnswers(world.manager.claims, world.orgId, q),
        await directAnswers(world.orgId, null, q),
        `manager, ${label}`,
      );
      expectSameAnswers(
        await rollupAnswers(world.reps[0].claims, world.orgId, q),
        await directAnswers(world.orgId, world.reps[0].id, q),
        `rep, ${label}`,
      );
    }
  });

  it("a rebuild leaves every answer unchanged", async () => {
    const now = new Date();
    const before = [];
    for (const q of queries(world, now)) before.push(await rollupAnswers(world.manager.claims, world.orgId, q));
    await withService((tx) => rebuildAnalytics(tx, world.orgId));
    const after = [];
    for (const q of queries(world, now)) after.push(await rollupAnswers(world.manager.claims, world.orgId, q));
    expect(after).toEqual(before);
  });

  it("a rep's heat counts equal what the rep can list", async () => {
    const rep = world.reps[1];
    const q = resolveRange({ range: "7d", timeZone: "Europe/Zurich" });
    const { heat, listed, counted } = await withRls(rep.claims, async (tx) => {
      const listed: Record<string, number> = {};
      for (const level of HEAT_LEVELS) {
        listed[level] = 0;
        let cursor: string | undefined;
        do {
          const page = await listLeads(
            tx,
            world.orgId,
            rep.id,
            listLeadsQuerySchema.parse({ heat: level, limit: 100, ...(cursor ? { cursor } : {}) }),
          );
          listed[level] += page.leads.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      }
      return {
        heat: await rollups.heatWidget(tx, q, world.orgId),
        listed,
        counted: await countLeadsByHeat(tx, world.orgId),
      };
    });
    expect(heat.now).toEqual(listed);
    expect(heat.now).toEqual(counted);
    expect(Object.values(listed).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("an update of a field no rollup counts writes no rollup row", async () => {
    const before = await rollupRows(world.orgId);
    await withRls(world.manager.claims, async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        "select id from public.leads where org_id = $1 and deleted_at is null order by id limit 5",
        [world.orgId],
      );
      await bulkUpdate(tx, userActor(world.manager, "Mia Manager"), world.orgId, {
        ids: rows.map((r) => r.id),
        changes: { addTags: ["dashboard"] },
      });
    });
    expect(await rollupRows(world.orgId)).toEqual(before);
  });

  it("calls every registered relocator once per statement with the leads that moved", async () => {
    class Rollback extends Error {}
    let moves: unknown[] = [];
    const reassigned = await withService(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        "select id from public.leads where org_id = $1 and deleted_at is null order by id limit 3",
        [world.orgId],
      );
      return rows.map((r) => r.id);
    });
    await withService(async (tx: Tx) => {
      await tx.query("reset role"); // creating a function in private takes the migrations' owner
      await tx.query("create temporary table seen_moves (calls int, moves jsonb) on commit drop");
      await tx.query(`create function private.test_capture_moves(moves private.analytics_lead_move[]) returns void
        language sql as $$ insert into pg_temp.seen_moves values (1, to_jsonb(moves)) $$`);
      await tx.query("insert into private.analytics_relocators values ('private.test_capture_moves'::regproc)");
      await tx.query("update public.leads set owner_id = $2, tags = tags || '{moved}' where id = any($1::uuid[])", [
        reassigned,
        world.reps[1].id,
      ]);
      await tx.query("update public.leads set tags = tags || '{still}' where id = any($1::uuid[])", [reassigned]);
      moves = (await tx.query<{ moves: unknown[] }>("select moves from pg_temp.seen_moves")).rows.flatMap(
        (r) => r.moves,
      );
      throw new Rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
    const wasOwnedByRep = (
      await withService((tx) =>
        tx.query<{ id: string }>("select id from public.leads where id = any($1::uuid[]) and owner_id = $2", [
          reassigned,
          world.reps[1].id,
        ]),
      )
    ).rows.map((r) => r.id);
    expect(moves).toHaveLength(reassigned.length - wasOwnedByRep.length);
    for (const move of moves as { lead_id: string; new_owner: string; old_live: boolean; new_live: boolean }[]) {
      expect(reassigned).toContain(move.lead_id);
      expect(move).toMatchObject({ new_owner: world.reps[1].id, old_live: true, new_live: true });
    }
  });
});

describe("local days of the progression", () => {
  /**
   * Hand-placed history around local midnights and the 2026 DST changes (Europe: 29 March and
   * 25 October at 01:00 UTC; America/New_York: 8 March at 07:00 UTC and 1 November at 06:00 UTC).
   */
  const leadsAt = [
    // Zurich, spring forward: 28 March 23:30 local (22:30Z, +1) and hot at 00:10 on the 29th (23:10Z).
    { created: "2026-03-28T22:30:00Z", changes: [["2026-03-28T23:10:00Z", "cold", "hot"]] },
    // The 29th in Zurich is 23 hours long: 23:30 local on it is 21:30Z; 00:30 on the 30th is 22:30Z.
    { created: "2026-03-29T21:30:00Z", changes: [["2026-03-29T22:30:00Z", "cold", "warm"]] },
    // New York, spring forward: 7 March 23:30 EST (04:30Z on the 8th), warm 8 March 23:30 EDT (03:30Z on the 9th).
    { created: "2026-03-08T04:30:00Z", changes: [["2026-03-09T03:30:00Z", "cold", "warm"]] },
    // Fall back: the 25th in Zurich has 25 hours (22:00Z on the 24th to 23:00Z on the 25th).
    {
      created: "2026-10-24T22:30:00Z",
      changes: [
        ["2026-10-25T22:30:00Z", "cold", "burning"],
        ["2026-10-25T23:30:00Z", "burning", "warm"],
      ],
    },
    // New York, fall back: 1 November is 25 hours (04:00Z to 05:00Z on the 2nd).
    { created: "2026-11-01T04:30:00Z", changes: [["2026-11-02T04:30:00Z", "cold", "hot"]] },
  ] as const;

  let tz: { orgId: string; owner: TestUser };

  beforeAll(async () => {
    const owner = await createTestUser({ fullName: "Zora Zone" });
    const orgId = await createTestOrg(owner, uniqueName("Zones"));
    await withService(async (tx) => {
      for (const [i, lead] of leadsAt.entries()) {
        const last = lead.changes[lead.changes.length - 1]!;
        const { rows } = await tx.query<{ id: string }>(
          `insert into public.leads (org_id, name, created_at, heat_level) values ($1, $2, $3, 'cold') returning id`,
          [orgId, `Zone ${i}`, lead.created],
        );
        for (const [at, from, to] of lead.changes)
          await tx.query(
            `insert into public.lead_events (org_id, lead_id, type, actor_type, data, created_at)
             values ($1, $2, 'heat_changed', 'system', jsonb_build_object('from', $3::text, 'to', $4::text), $5)`,
            [orgId, rows[0]!.id, from, to, at],
          );
        await tx.query("update public.leads set heat_level = $2 where id = $1", [rows[0]!.id, last[2]]);
      }
    });
    tz = { orgId, owner };
  });

  const progression = async (timeZone: string, from: string, to: string) => {
    const q = resolveRange({ range: "custom", from, to, timeZone });
    const rollup = await withRls(tz.owner.claims, (tx) => rollups.progressionWidget(tx, q, tz.orgId));
    const truth = await withService((tx) => direct.progressionWidget(tx, q, { orgId: tz.orgId, restrictedTo: null }));
    expect(rollup.days).toEqual(truth.days);
    return Object.fromEntries(rollup.days.map(({ day, ...counts }) => [day, counts]));
  };

  it("counts a change on the local day it happened in Europe/Zurich, across the DST changes", async () => {
    const spring = await progression("Europe/Zurich", "2026-03-27", "2026-03-31");
    expect(spring["2026-03-27"]).toEqual({ cold: 0, warm: 1, hot: 0, burning: 0 }); // New York's lead, warm since the 9th
    expect(spring["2026-03-28"]).toEqual({ cold: 1, warm: 1, hot: 0, burning: 0 }); // created 23:30, hot only at 00:10
    expect(spring["2026-03-29"]).toEqual({ cold: 1, warm: 1, hot: 1, burning: 0 }); // a 23-hour day: 23:30 is 21:30Z
    expect(spring["2026-03-30"]).toEqual({ cold: 0, warm: 2, hot: 1, burning: 0 }); // warm at 00:30 (22:30Z on the 29th)
    expect(spring["2026-03-31"]).toEqual({ cold: 0, warm: 2, hot: 1, burning: 0 });
    const fall = await progression("Europe/Zurich", "2026-10-24", "2026-10-26");
    expect(fall["2026-10-24"]).toEqual({ cold: 0, warm: 2, hot: 1, burning: 0 }); // created 00:30 on the 25th
    expect(fall["2026-10-25"]).toEqual({ cold: 0, warm: 2, hot: 1, burning: 1 }); // a 25-hour day: burning at 23:30 CET
    expect(fall["2026-10-26"]).toEqual({ cold: 0, warm: 3, hot: 1, burning: 0 }); // warm again at 00:30
  });

  it("counts a change on the local day it happened in America/New_York, across the DST changes", async () => {
    const spring = await progression("America/New_York", "2026-03-07", "2026-03-09");
    expect(spring["2026-03-07"]).toEqual({ cold: 1, warm: 0, hot: 0, burning: 0 }); // created 23:30 EST
    expect(spring["2026-03-08"]).toEqual({ cold: 0, warm: 1, hot: 0, burning: 0 }); // a 23-hour day: warm 23:30 EDT
    expect(spring["2026-03-09"]).toEqual({ cold: 0, warm: 1, hot: 0, burning: 0 });
    const fall = await progression("America/New_York", "2026-10-31", "2026-11-02");
    expect(fall["2026-10-31"]).toEqual({ cold: 0, warm: 3, hot: 1, burning: 0 }); // the last lead comes at 00:30 EDT
    expect(fall["2026-11-01"]).toEqual({ cold: 0, warm: 3, hot: 2, burning: 0 }); // a 25-hour day: hot at 23:30 EST
    expect(fall["2026-11-02"]).toEqual({ cold: 0, warm: 3, hot: 2, burning: 0 });
  });
});
