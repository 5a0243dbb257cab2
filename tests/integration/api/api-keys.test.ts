import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { openApiPath } from "@/lib/http/openapi";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { apiRouteFiles, Browser, signUpPerson, team, type Person, type RequestOptions } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A program holding a key: no cookies, just the Authorization header. */
class Client {
  readonly browser = new Browser();
  constructor(readonly key: string) {}
  private with(options: RequestOptions = {}): RequestOptions {
    return { ...options, headers: { authorization: `Bearer ${this.key}`, ...options.headers } };
  }
  get(path: string, options?: RequestOptions) {
    return this.browser.get(path, this.with(options));
  }
  post(path: string, body?: unknown, options?: RequestOptions) {
    return this.browser.post(path, body, this.with(options));
  }
  patch(path: string, body?: unknown, options?: RequestOptions) {
    return this.browser.patch(path, body, this.with(options));
  }
  delete(path: string, options?: RequestOptions) {
    return this.browser.delete(path, this.with(options));
  }
}

async function createKey(admin: Person, body: Record<string, unknown>): Promise<{ key: string; apiKey: Json }> {
  const response = await admin.browser.post("/api/v1/api-keys", { name: `Key ${randomUUID().slice(0, 6)}`, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const run = randomUUID().slice(0, 8);
let counter = 0;
const leadBody = () => ({ name: `API lead ${++counter}`, email: `api-${run}-${counter}@keys.test` });

describe("API keys", () => {
  let t: Team;
  let other: Person;
  let leadOfA: string;
  let leadOfB: string;
  beforeAll(async () => {
    t = await team();
    other = await signUpPerson({ prefix: "other-owner" });
    const a = await t.owner.browser.post("/api/v1/leads", leadBody());
    expect(a.status).toBe(201);
    leadOfA = a.body.lead.id;
    const b = await other.browser.post("/api/v1/leads", leadBody());
    expect(b.status).toBe(201);
    leadOfB = b.body.lead.id;
  });

  describe("managing keys", () => {
    it("an admin creates a key and sees its secret once; only a hash and a prefix are stored", async () => {
      const { key, apiKey } = await createKey(t.admin, { name: "CRM sync", scopes: ["leads:read"] });
      expect(key).toMatch(/^kiln_[A-Za-z0-9_-]{43}$/);
      expect(apiKey).toMatchObject({ name: "CRM sync", scopes: ["leads:read"], revokedAt: null, lastUsedAt: null });
      expect(key.startsWith(apiKey.prefix)).toBe(true);
      expect(JSON.stringify(apiKey)).not.toContain(key.slice(apiKey.prefix.length));

      const list = await t.admin.browser.get("/api/v1/api-keys");
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(key);
      expect(list.text).not.toMatch(/secret|hash/i);
      expect(list.body.apiKeys.map((k: Json) => k.id)).toContain(apiKey.id);

      const stored = await withService(async (tx) => {
        const { rows } = await tx.query<Record<string, unknown>>("select * from public.api_keys where id = $1", [
          apiKey.id,
        ]);
        return rows[0]!;
      });
      expect(stored.secret_hash).toBe(createHash("sha256").update(key).digest("hex"));
      expect(JSON.stringify(stored)).not.toContain(key);
    });

    it("write includes read, and a scope given twice or unknown is a field error", async () => {
      const { apiKey } = await createKey(t.admin, { scopes: ["leads:read", "leads:write", "meetings:read"] });
      expect(apiKey.scopes).toEqual(["leads:write", "meetings:read"]);
      const unknown = await t.admin.browser.post("/api/v1/api-keys", { name: "Bad", scopes: ["leads:delete"] });
      expect(unknown.status).toBe(422);
      expect(Object.keys(unknown.errors ?? {}).some((f) => f.startsWith("scopes"))).toBe(true);
      const none = await t.admin.browser.post("/api/v1/api-keys", { name: "None", scopes: [] });
      expect(none.status).toBe(422);
      const past = await t.admin.browser.post("/api/v1/api-keys", {
        name: "Past",
        scopes: ["leads:read"],
        expiresAt: "2020-01-01T00:00:00Z",
      });
      expect(past.status).toBe(422);
      expect(past.errors?.expiresAt).toBeTruthy();
    });

    it("managers and reps can neither list nor create keys", async () => {
      for (const person of [t.manager, t.rep]) {
        expect((await person.browser.get("/api/v1/api-keys")).status).toBe(403);
        expect((await person.browser.post("/api/v1/api-keys", { name: "Mine", scopes: ["leads:read"] })).status).toBe(
          403,
        );
      }
    });

    it("every key action is in the audit log", async () => {
      const { apiKey } = await createKey(t.admin, { name: "Audited", scopes: ["analytics:read"] });
      expect((await t.admin.browser.delete(`/api/v1/api-keys/${apiKey.id}`)).status).toBe(200);
      const actions = await withService(async (tx) => {
        const { rows } = await tx.query<{ action: string; actor_id: string }>(
          "select action, actor_id from public.audit_log where target_id = $1 order by created_at",
          [apiKey.id],
        );
        return rows;
      });
      expect(actions).toEqual([
        { action: "api_key.created", actor_id: t.admin.userId },
        { action: "api_key.revoked", actor_id: t.admin.userId },
      ]);
    });
  });

  describe("calling the API with a key", () => {
    it("a read scope reads its resource with the same handler, and the key's last use is recorded", async () => {
      const { key, apiKey } = await createKey(t.admin, { scopes: ["leads:read"] });
      const client = new Client(key);
      const list = await client.get("/api/v1/leads");
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      expect(list.body.leads.map((l: Json) => l.id)).toContain(leadOfA);
      const one = await client.get(`/api/v1/leads/${leadOfA}`);
      expect(one.status).toBe(200);
      expect(one.body.lead.id).toBe(leadOfA);
      const keys = await t.admin.browser.get("/api/v1/api-keys");
      const used = keys.body.apiKeys.find((k: Json) => k.id === apiKey.id);
      expect(used.lastUsedAt).not.toBeNull();
      expect(used.lastUsedIp).toBe(client.browser.address);
    });

    it("a missing scope is a 403, and the same validation errors as the UI", async () => {
      const { key } = await createKey(t.admin, { scopes: ["leads:read"] });
      const client = new Client(key);
      const create = await client.post("/api/v1/leads", leadBody());
      expect(create.status).toBe(403);
      expect(create.headers.get("content-type")).toBe("application/problem+json");
      expect((await client.get("/api/v1/meetings")).status).toBe(403);

      const writer = new Client((await createKey(t.admin, { scopes: ["leads:write"] })).key);
      const bad = await writer.post("/api/v1/leads", { name: "" });
      const badInUi = await t.owner.browser.post("/api/v1/leads", { name: "" });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual(badInUi.body.errors);
    });

    it("a write scope creates rows in its organization, with no cookie and no same-origin check", async () => {
      const { key } = await createKey(t.admin, { scopes: ["leads:write"] });
      const client = new Client(key);
      const created = await client.post("/api/v1/leads", leadBody(), { origin: "https://elsewhere.example" });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const seen = await t.owner.browser.get(`/api/v1/leads/${created.body.lead.id}`);
      expect(seen.status).toBe(200);
      expect(created.headers.get("set-cookie")).toBeNull();
    });

    it("routes outside every scope refuse keys with 403, the key routes included", async () => {
      const { key } = await createKey(t.admin, {
        scopes: ["leads:write", "conversations:write", "messages:write", "meetings:write", "agents:write"],
      });
      const client = new Client(key);
      for (const path of ["/api/v1/members", "/api/v1/api-keys", "/api/v1/audit-log", "/api/v1/settings/export"]) {
        const response = await client.get(path);
        expect(response.status, path).toBe(403);
      }
      expect((await client.post("/api/v1/api-keys", { name: "Child", scopes: ["leads:read"] })).status).toBe(403);
    });

    it("an unknown, malformed, revoked or expired key is a 401", async () => {
      expect((await new Client(`kiln_${"A".repeat(43)}`).get("/api/v1/leads")).status).toBe(401);
      expect((await new Client("not-a-key").get("/api/v1/leads")).status).toBe(401);

      const { key, apiKey } = await createKey(t.admin, { scopes: ["leads:read"] });
      const client = new Client(key);
      expect((await client.get("/api/v1/leads")).status).toBe(200);
      const revoke = await t.admin.browser.delete(`/api/v1/api-keys/${apiKey.id}`);
      expect(revoke.status).toBe(200);
      expect(revoke.body.apiKey.revokedAt).not.toBeNull();
      const after = await client.get("/api/v1/leads");
      expect(after.status).toBe(401);
      expect(after.headers.get("content-type")).toBe("application/problem+json");

      const expiring = await createKey(t.admin, {
        scopes: ["leads:read"],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect((await new Client(expiring.key).get("/api/v1/leads")).status).toBe(200);
      // Wide margins: the key was made two days ago and ran out yesterday.
      await withService((tx) =>
        tx.query(
          "update public.api_keys set created_at = now() - interval '2 days', expires_at = now() - interval '1 day' where id = $1",
          [expiring.apiKey.id],
        ),
      );
      expect((await new Client(expiring.key).get("/api/v1/leads")).status).toBe(401);
    });

    it("a key of another organization reads none of this organization's rows", async () => {
      const { key } = await createKey(other, { scopes: ["leads:write"] });
      const client = new Client(key);
      const list = await client.get("/api/v1/leads");
      expect(list.status).toBe(200);
      const ids = list.body.leads.map((l: Json) => l.id);
      expect(ids).toContain(leadOfB);
      expect(ids).not.toContain(leadOfA);
      expect((await client.get(`/api/v1/leads/${leadOfA}`)).status).toBe(404);
      const change = await client.patch(`/api/v1/leads/${leadOfA}`, { name: "Taken over" });
      expect(change.status).toBe(404);
      const lead = await t.owner.browser.get(`/api/v1/leads/${leadOfA}`);
      expect(lead.body.lead.name).not.toBe("Taken over");
    });
  });

  describe("rate limits", () => {
    it("answers RateLimit headers, then 429 with Retry-After once the key's limit is used up", async () => {
      const { key } = await createKey(t.admin, { scopes: ["leads:read"], rateLimitPerMinute: 3 });
      const client = new Client(key);
      for (let i = 0; i < 3; i++) {
        const ok = await client.get("/api/v1/leads/counts");
        expect(ok.status).toBe(200);
        expect(ok.headers.get("ratelimit-policy")).toMatch(/^"key";q=3;w=60, "organization";q=\d+;w=60$/);
        expect(ok.headers.get("ratelimit")).toMatch(/^"key";r=\d+;t=\d+, "organization";r=\d+;t=\d+$/);
      }
      const refused = await client.get("/api/v1/leads/counts");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(120);
      expect(refused.headers.get("ratelimit")).toMatch(/^"key";r=0;t=\d+/);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      // Another key of the same organization has its own share.
      const fresh = new Client((await createKey(t.admin, { scopes: ["leads:read"] })).key);
      expect((await fresh.get("/api/v1/leads/counts")).status).toBe(200);
    });

    it("the organization's plan limit binds every key together", async () => {
      const owner = await signUpPerson({ prefix: "plan-owner" });
      const one = new Client((await createKey(owner, { scopes: ["leads:read"] })).key);
      const two = new Client((await createKey(owner, { scopes: ["leads:read"] })).key);
      const first = await one.get("/api/v1/leads/counts");
      expect(first.status).toBe(200);
      // The organization's quota is its plan's; use it all up, in this window and the one before.
      const quota = Number(/"organization";q=(\d+);w=60/.exec(first.headers.get("ratelimit-policy") ?? "")?.[1]);
      expect(quota).toBeGreaterThan(0);
      await withService((tx) =>
        tx.query(
          `insert into public.rate_limit_counters (scope, key, window_start, hits)
           select 'api:org', $1, to_timestamp(floor(extract(epoch from now()) / 60) * 60) + make_interval(secs => 60 * d), $2
             from generate_series(-1, 0) d
           on conflict (scope, key, window_start) do update set hits = excluded.hits`,
          [owner.orgId, quota],
        ),
      );
      const refused = await two.get("/api/v1/leads/counts");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("ratelimit")).toMatch(/"organization";r=0;t=\d+/);
      expect((await one.get("/api/v1/leads/counts")).status).toBe(429);
    });
  });

  describe("Idempotency-Key", () => {
    it("replays the first response to a repeated POST, and refuses the same key for another body", async () => {
      const { key } = await createKey(t.admin, { scopes: ["leads:write"] });
      const client = new Client(key);
      const idempotency = `create-lead-${randomUUID()}`;
      const body = leadBody();
      const first = await client.post("/api/v1/leads", body, { headers: { "idempotency-key": idempotency } });
      expect(first.status).toBe(201);
      const again = await client.post("/api/v1/leads", body, { headers: { "idempotency-key": idempotency } });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      const count = await withService(async (tx) => {
        const { rows } = await tx.query<{ n: number }>("select count(*)::int as n from public.leads where email = $1", [
          body.email,
        ]);
        return rows[0]!.n;
      });
      expect(count).toBe(1);

      const other = await client.post("/api/v1/leads", leadBody(), { headers: { "idempotency-key": idempotency } });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe("idempotency_key_reused");

      // Without the header every POST is its own.
      const plain = await client.post("/api/v1/leads", body);
      expect(plain.status).toBe(409);
    });

    it("keys of another API key do not collide", async () => {
      const one = new Client((await createKey(t.admin, { scopes: ["leads:write"] })).key);
      const two = new Client((await createKey(t.admin, { scopes: ["leads:write"] })).key);
      const idempotency = `shared-${randomUUID()}`;
      const a = await one.post("/api/v1/leads", leadBody(), { headers: { "idempotency-key": idempotency } });
      const b = await two.post("/api/v1/leads", leadBody(), { headers: { "idempotency-key": idempotency } });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.lead.id).not.toBe(a.body.lead.id);
    });
  });
});

describe("the OpenAPI document", () => {
  let doc: Json;
  beforeAll(async () => {
    const response = await new Browser().get("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    doc = response.body;
  });

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes every route file under app/api/v1 and each of its methods", async () => {
    const missing: string[] = [];
    for (const { pattern, file } of apiRouteFiles().filter((r) => r.pattern.startsWith("/api/v1/"))) {
      const routeModule = (await import(file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (typeof routeModule[method] !== "function") continue;
        if (!doc.paths[openApiPath(pattern)]?.[method.toLowerCase()]) missing.push(`${method} ${pattern}`);
      }
    }
    expect(missing, "run `npm run api:routes` to add new routes to the OpenAPI document").toEqual([]);
  });

  it("takes its request schemas from the handlers' zod schemas, with the scope a key needs", () => {
    const create = doc.paths["/api/v1/leads"].post;
    expect(create["x-kiln-scope"]).toBe("leads:write");
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.properties.name).toBeTruthy();
    expect(doc.paths["/api/v1/leads"].get["x-kiln-scope"]).toBe("leads:read");
    expect(doc.paths["/api/v1/leads/{id}"].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "id", in: "path", required: true })]),
    );
    const keys = doc.paths["/api/v1/api-keys"].post;
    expect(keys["x-kiln-scope"]).toBeUndefined();
    expect(keys.requestBody.content["application/json"].schema.properties.scopes.items.enum).toContain(
      "webhooks:write",
    );
  });

  it("describes every outbound webhook event with its signed headers", () => {
    for (const type of WEBHOOK_EVENT_TYPES) {
      const post = doc.webhooks?.[type]?.post;
      expect(post, type).toBeTruthy();
      expect(JSON.stringify(post)).toContain("webhook-signature");
    }
  });
});
