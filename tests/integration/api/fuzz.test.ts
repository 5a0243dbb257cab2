/**
 * Malformed input to every mutation route must be a 4xx, never a 5xx.
 *
 * The routes come from walking app/api (every POST / PUT / PATCH / DELETE a route.ts
 * exports), so a new route is fuzzed without editing this file. Each gets a fixed corpus
 * (non-JSON, empty, wrong types, NUL, lone surrogates, extreme numbers and dates, deep
 * nesting, oversize strings, prototype keys) and bodies generated from a seeded PRNG that
 * mix plausible values with hostile ones under the field names our schemas use, so a bad
 * value also reaches the code behind a passing validation. Set FUZZ_SEED to replay a run.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import {
  apiRouteFiles,
  type ApiResponse,
  joinAs,
  resolveRoute,
  signUpPerson,
  type Person,
  type RequestOptions,
} from "./http";
import { seededRandom as prng } from "@/lib/random/seeded";

afterAll(() => closeDatabase());

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const GENERATED_PER_ROUTE = 8;
const MUTATED_PER_ROUTE = 30;
const MUTATIONS = ["POST", "PUT", "PATCH", "DELETE"] as const;
type Mutation = (typeof MUTATIONS)[number];

const nested = (depth: number, leaf: unknown, wrap: (inner: string) => string) => {
  let text = JSON.stringify(leaf);
  for (let i = 0; i < depth; i++) text = wrap(text);
  return text;
};
const DEEP_ARRAY = nested(10_000, 1, (inner) => `[${inner}]`);
const DEEP_OBJECT = nested(10_000, "x", (inner) => `{"a":${inner}}`);
const MEGABYTE = "x".repeat(1024 * 1024 + 1);
const NEAR_CAP = "é".repeat(400_000); // under the 1 MB body cap, over every field's max

/** Values nothing should store as they are. */
const HOSTILE: readonly unknown[] = [
  "\u0000",
  "Anna\u0000Keller",
  "\uD800",
  "lone \uDC00 low",
  "\uDBFF\uDBFF",
  1e308,
  -1e308,
  -0,
  2 ** 63,
  -(2 ** 63) - 1,
  9007199254740993,
  "9223372036854775808",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "300000-01-01T00:00:00Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "-004713-01-01",
  "0000-00-00",
  "2026-02-30T25:61:61Z",
  "2020-01-01T00:00:00Z",
  "yesterday",
  "",
  " ",
  null,
  true,
  false,
  0,
  -1,
  [],
  {},
  [null],
  [{}],
  ["\u0000"],
  { __proto__: null, toString: "x" },
  "'; drop table leads; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "http://169.254.169.254/latest/meta-data/",
  NEAR_CAP,
];

/** Field names our zod schemas use (read from lib), so generated bodies hit real fields. */
function schemaFieldNames(): string[] {
  const root = path.resolve(__dirname, "../../../lib");
  const names = new Set<string>([
    "id",
    "ids",
    "csv",
    "mapping",
    "endpoint",
    "keys",
    "p256dh",
    "auth",
    "settings",
    "data",
    "type",
    "token",
    "code",
    "state",
  ]);
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const source = readFileSync(path.join(root, file), "utf8");
    if (!source.includes('from "zod"')) continue;
    for (const match of source.matchAll(
      /^\s+(\w+): (?:z\.|text\(|dateTime|futureDateTime|\w+Schema\b|prompt\(|optionalText\()/gm,
    ))
      names.add(match[1]!);
  }
  return [...names].sort();
}

type World = Record<string, string>;

/** A plausible value for a field name, so that validation of the other fields passes more often. */
function plausible(field: string, world: World, rand: ReturnType<typeof prng>): unknown {
  const f = field.toLowerCase();
  if (f === "ids") return [world.lead];
  if (f.endsWith("id")) return world[f.replace(/id$/, "")] ?? world.lead;
  if (f.includes("email")) return `fuzz-${randomUUID().slice(0, 6)}@example.com`;
  if (f.includes("phone") || f === "from" || f === "to" || f === "address") return "+41791234567";
  if (f.endsWith("at") || f.includes("date") || f.includes("since"))
    return new Date(Date.now() + 86_400_000).toISOString();
  if (f.includes("password")) return "correct horse battery staple";
  if (f === "level") return rand.pick(["cold", "warm", "hot", "burning", null]);
  if (f === "role") return rand.pick(["rep", "manager", "admin", "owner", "sales", "support"]);
  if (f === "tags" || f === "addtags" || f === "removetags") return ["fuzz"];
  if (f === "capabilities") return ["sms"];
  if (f === "active" || f === "isdefault" || f === "enabled") return rand.chance(0.5);
  if (f.includes("minutes") || f === "limit") return 30;
  return `Fuzz ${field}`;
}

/** A body under the schemas' field names: mostly plausible values, some hostile ones. */
function generatedBody(fields: string[], world: World, rand: ReturnType<typeof prng>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const count = 2 + Math.floor(rand.next() * 8);
  for (let i = 0; i < count; i++) {
    const field = rand.pick(fields);
    body[field] = rand.chance(0.4) ? rand.pick(HOSTILE) : plausible(field, world, rand);
  }
  // One hostile value is always there, nested one level down now and then.
  const target = rand.pick(fields);
  const value = rand.pick(HOSTILE);
  body[target] = rand.chance(0.2) ? { [rand.pick(fields)]: value } : value;
  return body;
}

/**
 * Bodies known to pass validation on the busiest routes. Generated cases for these routes
 * swap one field for a hostile value, so the value meets the code behind the schema.
 */
function validBodies(world: World): Record<string, Record<string, unknown>> {
  const soon = new Date(Date.now() + 86_400_000).toISOString();
  return {
    "POST /api/v1/leads": {
      name: "Fuzz",
      email: `fuzz-${randomUUID().slice(0, 6)}@example.com`,
      company: "Fuzz AG",
      title: "CEO",
      tags: ["fuzz"],
      projectId: world.project,
    },
    "PATCH /api/v1/leads/[id]": { name: "Fuzz", company: "Fuzz AG", title: "CEO", tags: ["fuzz"], status: "contacted" },
    "POST /api/v1/leads/[id]/notes": { text: "Called, interested." },
    "POST /api/v1/leads/[id]/heat": { level: "hot", reason: "Asked for an offer", expiresAt: soon },
    "PATCH /api/v1/leads/[id]/bant": { budget: { status: "confirmed", value: "10k", evidence: "said so" } },
    "POST /api/v1/leads/bulk": { ids: [world.lead], changes: { addTags: ["fuzz"] } },
    "POST /api/v1/projects": { name: "Fuzz project", description: "Fuzz" },
    "PATCH /api/v1/projects/[id]": { name: "Fuzz project", description: "Fuzz" },
    "PATCH /api/v1/organization": { name: "Fuzz org" },
    "PATCH /api/v1/profile": { fullName: "Fuzz Owner" },
    "POST /api/v1/agents": { name: "Fuzz agent", role: "sales", personality: "Kind" },
    "PATCH /api/v1/agents/[id]": { name: "Fuzz agent", personality: "Kind" },
    "POST /api/v1/agents/[id]/test": { message: "Hello", leadName: "Fuzz" },
    "POST /api/v1/conversations/[id]/messages": { body: "Hello from fuzz" },
    "POST /api/v1/channels/[id]/simulate": { from: "+41791112222", body: "Hello", profileName: "Fuzz" },
    "PATCH /api/v1/channels/[id]": { label: "Fuzz line" },
    "POST /api/v1/integrations/calendly/simulate": {
      leadId: world.lead,
      title: "Intro",
      startsAt: soon,
      durationMinutes: 30,
    },
    "POST /api/v1/meetings/[id]/simulate": { action: "reschedule", reason: "Fuzz", startsAt: soon },
    "POST /api/v1/invitations": { email: `fuzz-${randomUUID().slice(0, 6)}@example.com`, role: "rep" },
    "POST /api/v1/organizations": { name: "Fuzz second org" },
  };
}

/** One field of a valid body replaced by (or nested around) a hostile value. */
function mutatedBody(valid: Record<string, unknown>, rand: ReturnType<typeof prng>): Record<string, unknown> {
  const body = structuredClone(valid);
  const field = rand.pick(Object.keys(body));
  const value = rand.pick(HOSTILE);
  const inner = body[field];
  if (inner && typeof inner === "object" && !Array.isArray(inner) && rand.chance(0.7)) {
    const key = rand.pick(Object.keys(inner));
    (inner as Record<string, unknown>)[key] = value;
  } else if (Array.isArray(inner) && rand.chance(0.5)) body[field] = [value];
  else body[field] = value;
  return body;
}

type Case = { label: string; body?: unknown; options?: RequestOptions; query?: string };

/** The fixed corpus every mutation route receives. */
function corpus(fields: string[]): Case[] {
  const every = (value: unknown) => Object.fromEntries(fields.slice(0, 400).map((f) => [f, value]));
  return [
    { label: "no body", options: { contentType: null } },
    { label: "empty JSON body", options: { rawBody: "" } },
    { label: "not JSON", options: { rawBody: "this is not json" } },
    { label: "truncated JSON", options: { rawBody: '{"name": "Anna' } },
    { label: "JSON with a NUL byte outside strings", options: { rawBody: '{"name":\u0000"x"}' } },
    { label: "invalid UTF-8", options: { rawBody: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) } },
    { label: "text/plain", options: { rawBody: "name=x", contentType: "text/plain" } },
    {
      label: "form-urlencoded with NUL",
      options: { rawBody: "Body=%00&From=%2B41791234567&To=%00", contentType: "application/x-www-form-urlencoded" },
    },
    { label: "multipart without boundary", options: { rawBody: "--x\r\n\r\n", contentType: "multipart/form-data" } },
    { label: "text/csv with NUL", options: { rawBody: "name,email\nA\u0000,a@b.ch\n", contentType: "text/csv" } },
    { label: "array", body: [] },
    { label: "array of objects", body: [{ name: "x" }] },
    { label: "string", body: "x" },
    { label: "number", body: 1e308 },
    { label: "null", body: null },
    { label: "every field NUL", body: every("\u0000") },
    { label: "every field a lone surrogate", body: every("\uD800") },
    { label: "every field 1e308", body: every(1e308) },
    { label: "every field -0", body: every(-0) },
    { label: "every field 2^63", body: every(2 ** 63) },
    { label: "every field NaN-like", body: every("NaN") },
    { label: "every field year 300000", body: every("300000-01-01T00:00:00Z") },
    { label: "every field 271821 BC", body: every("-271821-04-20T00:00:00.000Z") },
    { label: "every field an array", body: every(["x"]) },
    { label: "every field an object", body: every({ a: 1 }) },
    { label: "every field 2 000 characters", body: every("é".repeat(2_000)) },
    { label: "a 1 MB string", body: { name: MEGABYTE, text: MEGABYTE } },
    { label: "deep array nesting (10 000)", options: { rawBody: DEEP_ARRAY } },
    { label: "deep object nesting (10 000)", options: { rawBody: `{"mapping":${DEEP_OBJECT},"name":${DEEP_OBJECT}}` } },
    {
      label: "prototype keys",
      options: {
        rawBody: '{"__proto__":{"isAdmin":true,"role":"owner"},"constructor":{"prototype":{"x":1}},"prototype":1}',
      },
    },
    {
      label: "prototype keys as field names",
      body: { constructor: "x", prototype: "y", hasOwnProperty: "z", toString: 1, valueOf: 2 },
    },
    {
      label: "repeated and hostile query keys",
      body: {},
      query: "?a=1&a=2&stream=1&stream=2&dryRun=%00&limit=1e308&cursor=%ED%A0%80",
    },
  ];
}

/** A concrete path for a pattern: known ids of the owner's organization for `[id]` segments. */
function concretePath(pattern: string, world: World): string {
  const parts = pattern.split("/");
  return parts
    .map((part, i) => {
      if (!part.startsWith("[")) return part;
      const key = part === "[id]" ? (parts[i - 1] ?? "") : part.slice(1, -1);
      return world[key] ?? world[key.replace(/s$/, "")] ?? randomUUID();
    })
    .join("/");
}

/** Mutations first, deletions next, and signing out last, so the session lives as long as possible. */
function runOrder(pattern: string, method: Mutation): number {
  if (/^\/api\/auth\/sign-out/.test(pattern)) return 3;
  if (pattern.startsWith("/api/auth/")) return 2;
  return method === "DELETE" ? 1 : 0;
}

type Target = { pattern: string; file: string; method: Mutation };

/**
 * Every exported mutation of every route file, in run order. Found while the file is collected
 * so each route is a test of its own: one timeout per route instead of one for the whole walk,
 * which grew with every route added, and a failure names its route in the report.
 */
async function mutationTargets(): Promise<Target[]> {
  const targets: Target[] = [];
  for (const { pattern, file } of apiRouteFiles()) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const method of MUTATIONS) if (typeof exported[method] === "function") targets.push({ pattern, file, method });
  }
  return targets.sort((a, b) => runOrder(a.pattern, a.method) - runOrder(b.pattern, b.method));
}

const targets = await mutationTargets();
const rand = prng(SEED);
let fields: string[] = [];
let valid: Record<string, Record<string, unknown>> = {};

describe("fuzzing every mutation route", () => {
  let owner: Person;
  const world: World = {};

  beforeAll(async () => {
    owner = await signUpPerson({ prefix: "fuzz-owner" });
    const rep = await joinAs(owner.browser, "rep", "fuzz-rep");
    const b = owner.browser;
    const created = async (response: Promise<ApiResponse>, what: string) => {
      const r = await response;
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    const lead = await created(
      b.post("/api/v1/leads", {
        name: "Fuzz Lead",
        email: `fuzz-${randomUUID().slice(0, 8)}@example.com`,
        phone: "+41791110000",
      }),
      "lead",
    );
    world.lead = lead.lead?.id ?? lead.id;
    const project = await created(b.post("/api/v1/projects", { name: "Fuzz project" }), "project");
    world.project = project.project?.id ?? project.id;
    const agent = await created(b.post("/api/v1/agents", { name: "Fuzz agent", role: "sales" }), "agent");
    world.agent = agent.agent?.id ?? agent.id;
    const invitation = await created(
      b.post("/api/v1/invitations", { email: `fuzz-${randomUUID().slice(0, 8)}@example.com`, role: "rep" }),
      "invitation",
    );
    world.invitation = invitation.invitation.id;
    world.member = rep.userId;
    world.userId = rep.userId;

    // A line and a lead writing in: a conversation with a message, as in production.
    const number = `+4179${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;
    const channel = await created(
      b.post("/api/v1/channels", { provider: "twilio", address: number, capabilities: ["sms"], label: "Fuzz line" }),
      "channel",
    );
    world.channel = channel.channel?.id ?? channel.id;
    await created(
      b.post(`/api/v1/channels/${world.channel}/simulate`, {
        from: "+41791112222",
        body: "Hello, I would like an offer.",
      }),
      "inbound message",
    );
    await created(
      b.post("/api/v1/integrations/calendly/simulate", {
        leadId: world.lead,
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      "meeting",
    );

    // Ids of what the app created on its own (in background work), by whatever path it took.
    for (let round = 0; round < 4; round++) await settled();
    const first = async (sql: string) =>
      (await withService((tx) => tx.query<{ id: string }>(sql, [owner.orgId]))).rows[0]?.id;
    world.conversation = (await first(
      "select id from public.conversations where org_id = $1 order by created_at limit 1",
    ))!;
    world.message = (await first("select id from public.messages where org_id = $1 order by created_at limit 1"))!;
    world.meeting = (await first("select id from public.meetings where org_id = $1 order by created_at limit 1"))!;
    for (const [key, sql] of [
      ["approval", "select id from public.hil_tasks where org_id = $1 limit 1"],
      ["notification", "select n.id from public.notifications n where n.org_id = $1 limit 1"],
      ["job-failure", "select id from public.job_failures where org_id = $1 limit 1"],
      ["suggestionId", "select id from public.bant_suggestions where org_id = $1 limit 1"],
    ] as const) {
      const id = await first(sql).catch(() => undefined);
      if (id) world[key] = id;
    }
    expect(world.conversation, "a conversation exists").toBeTruthy();
    expect(world.meeting, "a meeting exists").toBeTruthy();
    fields = schemaFieldNames();
    valid = validBodies(world);
  });

  it("the harness reaches every route file under app/api, each at its own module", async () => {
    const files = apiRouteFiles();
    expect(files.length).toBeGreaterThan(50);
    const unreachable: string[] = [];
    for (const { pattern, file } of files) {
      const exported = (await import(file)) as Record<string, unknown>;
      const resolved = await resolveRoute(concretePath(pattern, world)).catch(() => null);
      const same =
        resolved && ["GET", ...MUTATIONS].every((m) => (resolved.module as Record<string, unknown>)[m] === exported[m]);
      if (!same) unreachable.push(path.relative(process.cwd(), file));
    }
    expect(unreachable).toEqual([]);
  });

  it("finds enough mutation routes to be worth its name", () => {
    expect(targets.length).toBeGreaterThan(40);
  });

  // Each route gets ~50 bodies; the seeded PRNG is shared in this fixed order, so FUZZ_SEED replays a run.
  for (const { pattern, method } of targets)
    it(`no malformed body to ${method} ${pattern} gets a 5xx`, { timeout: 120_000 }, async () => {
      const cases: Case[] = [
        ...corpus(fields),
        ...Array.from({ length: GENERATED_PER_ROUTE }, (_, i) => ({
          label: `generated #${i}`,
          body: generatedBody(fields, world, rand),
        })),
        ...(valid[`${method} ${pattern}`]
          ? Array.from({ length: MUTATED_PER_ROUTE }, (_, i) => ({
              label: `mutated #${i}`,
              body: mutatedBody(valid[`${method} ${pattern}`]!, rand),
            }))
          : []),
      ];
      const failures: string[] = [];
      let sent = 0;
      // A route that made another organization current (creating one does) must not move the rest of the run there.
      await owner.browser.put("/api/v1/session/organization", { orgId: owner.orgId });
      for (const c of cases) {
        const url = `${concretePath(pattern, world)}${c.query ?? ""}`;
        let status: number;
        try {
          // DELETE carries the body too: a handler must not trust that it has none.
          const options = {
            ...c.options,
            rawBody: c.options?.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body)),
          };
          status = (await owner.browser.request(method, url, undefined, options)).status;
        } catch (error) {
          failures.push(`[${c.label}] threw ${(error as Error).stack?.split("\n").slice(0, 3).join(" | ")}`);
          continue;
        }
        sent++;
        if (status >= 500)
          failures.push(
            `[${c.label}] → ${status} (seed ${SEED}) body: ${JSON.stringify(c.body ?? c.options?.rawBody ?? null)?.slice(0, 300)}`,
          );
      }
      expect(sent).toBeGreaterThanOrEqual(30);
      expect(failures).toEqual([]);
    });
});
