import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { type Browser, signUpPerson, team, type Person } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const run = randomUUID().slice(0, 8);
let counter = 0;
const email = (prefix = "lead") => `${prefix}-${run}-${++counter}@leads.test`;

async function newLead(browser: Browser, body: Record<string, unknown> = {}): Promise<Json> {
  const response = await browser.post("/api/v1/leads", { name: `Lead ${++counter}`, email: email(), ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.lead;
}

const ids = (page: { leads: { id: string }[] }) => page.leads.map((l) => l.id);

/** Inserts `n` leads as `person` in one statement (for the 1,000-lead cases). */
async function manyLeads(person: Person, n: number, tag: string): Promise<string[]> {
  return withRls({ sub: person.userId, email: person.email, role: "authenticated" }, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.leads (org_id, name, email, tags, created_by)
       select $1, 'Bulk ' || i, $2 || i || '@leads.test', array[$3], $4 from generate_series(1, $5::int) i returning id`,
      [person.orgId, `bulk-${run}-${tag}-`, tag, person.userId, n],
    );
    return rows.map((r) => r.id);
  });
}

describe("leads API", () => {
  let t: Team;
  let other: Person;
  beforeAll(async () => {
    t = await team();
    other = await signUpPerson({ prefix: "other-org" });
  });

  describe("creating", () => {
    it("creates a lead, normalising email and phone", async () => {
      const address = email("Upper");
      const lead = await newLead(t.rep.browser, {
        name: "  Anna Keller ",
        email: address.toUpperCase(),
        phone: "+41 79 123 45 67",
        tags: ["Roof", "roof"],
      });
      expect(lead).toMatchObject({
        name: "Anna Keller",
        email: address.toLowerCase(),
        phone: "+41791234567",
        tags: ["roof"],
        status: "new",
        heatLevel: "cold",
      });
      const events = await t.rep.browser.get(`/api/v1/leads/${lead.id}/events`);
      expect(events.body.events.map((e: Json) => e.type)).toEqual(["created"]);
    });

    it("an invalid email or phone is a 422 on that field", async () => {
      const badEmail = await t.rep.browser.post("/api/v1/leads", { name: "X", email: "not-an-email" });
      expect(badEmail.status).toBe(422);
      expect(badEmail.errors?.email).toEqual(["Enter a valid email address."]);
      const badPhone = await t.rep.browser.post("/api/v1/leads", { name: "X", phone: "12" });
      expect(badPhone.status).toBe(422);
      expect(Object.keys(badPhone.errors ?? {})).toEqual(["phone"]);
    });

    it("unknown enum values and wrong types are 422 field errors", async () => {
      const response = await t.rep.browser.post("/api/v1/leads", {
        name: 42,
        status: "hot",
        source: "carrier-pigeon",
        tags: "a,b",
        ownerId: "nope",
      });
      expect(response.status).toBe(422);
      expect(Object.keys(response.errors ?? {}).sort()).toEqual(["name", "ownerId", "source", "status", "tags"]);
      expect(response.errors?.status?.[0]).toMatch(/^Status must be one of/);
    });

    it("a second lead with the same email is a 409 on errors.email", async () => {
      const address = email();
      await newLead(t.rep.browser, { email: address });
      const response = await t.manager.browser.post("/api/v1/leads", { name: "Twin", email: address });
      expect(response.status).toBe(409);
      expect(response.errors?.email).toEqual(["Another lead already has this email."]);
    });
  });

  describe("listing with filters", () => {
    let f: Team;
    let lead: Record<string, Json>;
    let projectId: string;
    beforeAll(async () => {
      f = await team();
      projectId = (await f.manager.browser.post("/api/v1/projects", { name: `Filters ${run}` })).body.project.id;
      lead = {
        mine: await newLead(f.rep.browser, {
          name: "Rep Owned",
          ownerId: f.rep.userId,
          tags: ["solar"],
          company: "Bergblick AG",
        }),
        managers: await newLead(f.manager.browser, {
          name: "Manager Owned",
          ownerId: f.manager.userId,
          status: "contacted",
          projectId,
        }),
        unassigned: await newLead(f.owner.browser, { name: "Nobody's", status: "won" }),
      };
      await f.manager.browser.post(`/api/v1/leads/${lead.managers.id}/heat`, { level: "hot", reason: "Trade fair" });
      await f.manager.browser.patch(`/api/v1/leads/${lead.unassigned.id}/bant`, {
        budget: { status: "confirmed", value: "CHF 10k" },
        authority: { status: "confirmed", value: "Owner" },
        need: { status: "confirmed", value: "PV" },
        timeline: { status: "confirmed", value: "Q3" },
      });
    });

    const list = async (query: string, who: Browser = f.rep.browser) => {
      const response = await who.get(`/api/v1/leads?${query}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body.leads as { name: string }[]).map((l) => l.name).sort();
    };

    it("filters by status, heat, owner, project, tag, qualified, search and updatedSince", async () => {
      expect(await list("")).toEqual(["Manager Owned", "Nobody's", "Rep Owned"]);
      expect(await list("status=contacted,won")).toEqual(["Manager Owned", "Nobody's"]);
      expect(await list("heat=hot")).toEqual(["Manager Owned"]);
      expect(await list("owner=me")).toEqual(["Rep Owned"]);
      expect(await list("owner=unassigned")).toEqual(["Nobody's"]);
      expect(await list(`owner=${f.manager.userId}`)).toEqual(["Manager Owned"]);
      expect(await list(`project=${projectId}`)).toEqual(["Manager Owned"]);
      expect(await list("tag=solar")).toEqual(["Rep Owned"]);
      expect(await list("qualified=true")).toEqual(["Nobody's"]);
      expect(await list("qualified=false")).toEqual(["Manager Owned", "Rep Owned"]);
      expect(await list("q=bergblick")).toEqual(["Rep Owned"]);
      expect(await list("q=50%25")).toEqual([]);
      expect(await list(`updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
      expect(await list(`updatedSince=2000-01-01`)).toHaveLength(3);
    });

    it("bad filter values are 422 field errors", async () => {
      const response = await f.rep.browser.get("/api/v1/leads?status=nope&heat=lava&owner=someone&limit=0");
      expect(response.status).toBe(422);
      expect(Object.keys(response.errors ?? {}).sort()).toEqual(["heat.0", "limit", "owner", "status.0"]);
    });

    it("counts live leads per heat level", async () => {
      const response = await f.rep.browser.get("/api/v1/leads/counts");
      const total = Object.values(response.body.byHeat as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(total).toBe(3);
      expect(response.body.byHeat.hot).toBeGreaterThanOrEqual(1);
    });

    it("with reps_see_own_leads_only a rep sees only their own and unassigned leads; a manager still sees all", async () => {
      await withService((tx) =>
        tx.query(
          `update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}' where id = $1`,
          [f.orgId],
        ),
      );
      try {
        expect(await list("")).toEqual(["Nobody's", "Rep Owned"]);
        expect((await f.rep.browser.get(`/api/v1/leads/${lead.managers.id}`)).status).toBe(404);
        expect((await f.rep.browser.patch(`/api/v1/leads/${lead.managers.id}`, { status: "lost" })).status).toBe(404);
        expect((await f.rep.browser.get(`/api/v1/leads/${lead.managers.id}/events`)).status).toBe(404);
        expect(await list("", f.manager.browser)).toEqual(["Manager Owned", "Nobody's", "Rep Owned"]);
      } finally {
        await withService((tx) =>
          tx.query("update public.organizations set settings = settings - 'reps_see_own_leads_only' where id = $1", [
            f.orgId,
          ]),
        );
      }
      expect((await f.manager.browser.get(`/api/v1/leads/${lead.managers.id}`)).body.lead.status).toBe("contacted");
    });
  });

  describe("keyset paging", () => {
    let p: Person;
    let all: string[];
    beforeAll(async () => {
      p = await signUpPerson({ prefix: "pager" });
      for (let i = 0; i < 60; i++) await newLead(p.browser, { name: `Page lead ${i}` });
      all = ids((await p.browser.get("/api/v1/leads?sort=created&limit=100")).body);
    });

    it("walks forward and back across pages of 10 with no duplicates or gaps", async () => {
      expect(all).toHaveLength(60);
      const pages: string[][] = [];
      let cursor: string | null = null;
      let page: Json;
      do {
        page = (await p.browser.get(`/api/v1/leads?sort=created&limit=10${cursor ? `&cursor=${cursor}` : ""}`)).body;
        pages.push(ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toHaveLength(6);
      expect(pages.flat()).toEqual(all);
      expect(
        pages[0]!.length && (await p.browser.get("/api/v1/leads?sort=created&limit=10")).body.prevCursor,
      ).toBeNull();

      // Back from the last page to the first.
      const back: string[][] = [pages[5]!];
      cursor = page.prevCursor;
      while (cursor) {
        page = (await p.browser.get(`/api/v1/leads?sort=created&limit=10&direction=prev&cursor=${cursor}`)).body;
        back.unshift(ids(page));
        cursor = page.prevCursor;
      }
      expect(back).toEqual(pages);
    });

    it("a tampered cursor, or one from another sort order, is a 400", async () => {
      const first = (await p.browser.get("/api/v1/leads?sort=created&limit=10")).body;
      const [payload, mac] = (first.nextCursor as string).split(".");
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), v: "2000-01-01" }),
      ).toString("base64url");
      expect((await p.browser.get(`/api/v1/leads?sort=created&cursor=${forged}.${mac}`)).status).toBe(400);
      expect((await p.browser.get(`/api/v1/leads?sort=created&cursor=garbage`)).status).toBe(400);
      const response = await p.browser.get(`/api/v1/leads?sort=heat&cursor=${first.nextCursor}`);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/another sort order/);
    });

    it("limit 101 is a 422", async () => {
      const response = await p.browser.get("/api/v1/leads?limit=101");
      expect(response.status).toBe(422);
      expect(response.errors?.limit).toEqual(["limit can be at most 100."]);
    });
  });

  describe("one lead", () => {
    it("gets and updates a lead, with a timeline entry per kind of change", async () => {
      const lead = await newLead(t.rep.browser);
      const response = await t.rep.browser.patch(`/api/v1/leads/${lead.id}`, {
        company: "Seeland Farms",
        status: "contacted",
        ownerId: t.rep.userId,
      });
      expect(response.status).toBe(200);
      expect(response.body.lead).toMatchObject({
        company: "Seeland Farms",
        status: "contacted",
        ownerId: t.rep.userId,
      });
      expect((await t.manager.browser.get(`/api/v1/leads/${lead.id}`)).body.lead.company).toBe("Seeland Farms");
      const types = (await t.rep.browser.get(`/api/v1/leads/${lead.id}/events`)).body.events
        .map((e: Json) => e.type)
        .sort();
      expect(types).toEqual(["created", "owner_changed", "status_changed", "updated"]);
    });

    it("a rep cannot reassign a lead to someone else (403) and nothing changes", async () => {
      const lead = await newLead(t.rep.browser);
      expect((await t.rep.browser.patch(`/api/v1/leads/${lead.id}`, { ownerId: t.manager.userId })).status).toBe(403);
      expect((await t.rep.browser.get(`/api/v1/leads/${lead.id}`)).body.lead.ownerId).toBeNull();
    });

    it("ids of another organization's leads are 404 everywhere and nothing changes", async () => {
      const lead = await newLead(t.rep.browser, { company: "Untouched" });
      const path = `/api/v1/leads/${lead.id}`;
      const o = other.browser;
      expect((await o.get(path)).status).toBe(404);
      expect((await o.patch(path, { company: "Taken" })).status).toBe(404);
      expect((await o.patch(`${path}/bant`, { budget: { status: "confirmed", value: "x" } })).status).toBe(404);
      expect((await o.post(`${path}/heat`, { level: "burning", reason: "mine now" })).status).toBe(404);
      expect((await o.post(`${path}/notes`, { text: "hi" })).status).toBe(404);
      expect((await o.get(`${path}/events`)).status).toBe(404);
      expect((await o.delete(path)).status).toBe(404);
      expect((await o.post(`${path}/restore`)).status).toBe(404);
      const after = (await t.rep.browser.get(path)).body.lead;
      expect(after).toMatchObject({ company: "Untouched", bantScore: 0, heatOverridden: false, deletedAt: null });
      expect((await t.rep.browser.get(`${path}/events`)).body.events).toHaveLength(1);
      expect((await t.rep.browser.get("/api/v1/leads/not-a-uuid")).status).toBe(404);
    });

    it("another organization's project and a project that does not exist get the same 422 on projectId, and nothing is written", async () => {
      const foreignProject = (await other.browser.post("/api/v1/projects", { name: `Theirs ${run}` })).body.project
        .id as string;
      const missingProject = randomUUID();
      // The problem body without its per-request id: the rest must not tell the two apart.
      const answer = (response: { status: number; body: Json }) => {
        const { requestId: _requestId, ...rest } = response.body as Json;
        return { status: response.status, ...rest };
      };
      const expected = { status: 422, errors: { projectId: ["There is no such project in this organization."] } };

      const name = `Project probe ${run}`;
      const createdForeign = answer(await t.rep.browser.post("/api/v1/leads", { name, projectId: foreignProject }));
      const createdMissing = answer(await t.rep.browser.post("/api/v1/leads", { name, projectId: missingProject }));
      expect(createdForeign).toMatchObject(expected);
      expect(createdForeign).toEqual(createdMissing);
      expect((await t.rep.browser.get(`/api/v1/leads?q=${encodeURIComponent(name)}`)).body.leads).toHaveLength(0);

      const lead = await newLead(t.manager.browser);
      const path = `/api/v1/leads/${lead.id}`;
      const movedForeign = answer(await t.manager.browser.patch(path, { projectId: foreignProject }));
      expect(movedForeign).toMatchObject(expected);
      expect(movedForeign).toEqual(answer(await t.manager.browser.patch(path, { projectId: missingProject })));

      const bulkForeign = answer(
        await t.manager.browser.post("/api/v1/leads/bulk", { ids: [lead.id], changes: { projectId: foreignProject } }),
      );
      expect(bulkForeign).toMatchObject({ status: 422, errors: { "changes.projectId": expected.errors.projectId } });
      expect(bulkForeign).toEqual(
        answer(
          await t.manager.browser.post("/api/v1/leads/bulk", {
            ids: [lead.id],
            changes: { projectId: missingProject },
          }),
        ),
      );
      expect((await t.manager.browser.get(path)).body.lead.projectId).toBeNull();
    });

    it("PATCH bant with the wrong shapes is a 422", async () => {
      const lead = await newLead(t.rep.browser);
      const path = `/api/v1/leads/${lead.id}/bant`;
      for (const body of [
        {},
        { budget: "yes" },
        { budget: { status: "maybe", value: null } },
        { money: { status: "confirmed", value: "x" } },
        { need: { status: "confirmed" } },
      ]) {
        const response = await t.rep.browser.patch(path, body);
        expect(response.status, JSON.stringify(body)).toBe(422);
      }
      expect((await t.rep.browser.get(`/api/v1/leads/${lead.id}`)).body.lead.bantScore).toBe(0);
    });

    it("confirming BANT moves the scores and logs bant_changed evidence 'set by …'; all four make it qualified", async () => {
      const lead = await newLead(t.rep.browser);
      const path = `/api/v1/leads/${lead.id}`;
      const first = await t.rep.browser.patch(`${path}/bant`, {
        budget: { status: "confirmed", value: "CHF 40,000", evidence: "Said so on the phone" },
      });
      expect(first.status).toBe(200);
      expect(first.body.lead.bantScore).toBeGreaterThan(0);
      expect(first.body.lead.heatScore).toBeGreaterThan(0);
      expect(first.body.lead.bantStatuses.budget).toBe("confirmed");
      expect(first.body.becameBantQualified).toBe(false);
      const events = (await t.rep.browser.get(`${path}/events`)).body.events as Json[];
      const bant = events.find((e) => e.type === "bant_changed");
      expect(bant.evidence).toMatchObject({
        kind: "user",
        by: `set by ${t.rep.fullName}`,
        text: "Said so on the phone",
      });
      expect(bant.data).toMatchObject({ dimension: "budget", status: "confirmed", value: "CHF 40,000" });

      const rest = await t.rep.browser.patch(`${path}/bant`, {
        authority: { status: "confirmed", value: "Owner" },
        need: { status: "confirmed", value: "Rooftop PV" },
        timeline: { status: "confirmed", value: "This summer" },
      });
      expect(rest.body.becameBantQualified).toBe(true);
      expect(rest.body.lead).toMatchObject({ bantQualified: true });
      expect(rest.body.lead.bantScore).toBeGreaterThan(first.body.lead.bantScore);
      const types = (await t.rep.browser.get(`${path}/events`)).body.events.map((e: Json) => e.type);
      expect(types.filter((x: string) => x === "bant_changed")).toHaveLength(4);
      expect(types).toContain("bant_qualified");
    });

    it("a manager pins the heat level (a rep gets 403); the pin shows on the lead and in its timeline", async () => {
      const lead = await newLead(t.rep.browser);
      const path = `/api/v1/leads/${lead.id}`;
      expect((await t.rep.browser.post(`${path}/heat`, { level: "burning", reason: "I say so" })).status).toBe(403);
      const response = await t.manager.browser.post(`${path}/heat`, { level: "burning", reason: "CEO called us" });
      expect(response.status).toBe(200);
      const detail = (await t.rep.browser.get(path)).body.lead;
      expect(detail).toMatchObject({
        heatLevel: "burning",
        heatOverridden: true,
        heatOverride: { level: "burning", reason: "CEO called us" },
      });
      const events = (await t.rep.browser.get(`${path}/events`)).body.events as Json[];
      expect(events.find((e) => e.type === "heat_override")).toMatchObject({
        reason: "CEO called us",
        actorId: t.manager.userId,
      });
      expect(events.map((e) => e.type)).toContain("heat_changed");
    });

    it("soft delete and restore are for managers (a rep gets 403)", async () => {
      const lead = await newLead(t.rep.browser);
      const path = `/api/v1/leads/${lead.id}`;
      expect((await t.rep.browser.delete(path)).status).toBe(403);
      expect((await t.manager.browser.delete(path)).status).toBe(204);
      expect((await t.rep.browser.get(path)).status).toBe(404);
      expect(ids((await t.rep.browser.get("/api/v1/leads?limit=100")).body)).not.toContain(lead.id);
      expect(ids((await t.manager.browser.get("/api/v1/leads?deleted=true&limit=100")).body)).toContain(lead.id);
      expect((await t.rep.browser.post(`${path}/restore`)).status).toBe(403);
      const restored = await t.manager.browser.post(`${path}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body.lead.deletedAt).toBeNull();
      expect((await t.rep.browser.get(path)).status).toBe(200);
      const types = (await t.rep.browser.get(`${path}/events`)).body.events.map((e: Json) => e.type);
      expect(types.slice(0, 2)).toEqual(["restored", "deleted"]);
    });

    it("pages through the timeline without duplicates", async () => {
      const lead = await newLead(t.rep.browser);
      for (let i = 0; i < 6; i++)
        expect((await t.rep.browser.post(`/api/v1/leads/${lead.id}/notes`, { text: `Note ${i}` })).status).toBe(201);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Json = (
          await t.rep.browser.get(`/api/v1/leads/${lead.id}/events?limit=3${cursor ? `&cursor=${cursor}` : ""}`)
        ).body;
        seen.push(...page.events.map((e: Json) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect((await t.rep.browser.get(`/api/v1/leads/${lead.id}/events?cursor=bogus`)).status).toBe(400);
    });
  });

  describe("bulk update", () => {
    let b: Person;
    let thousand: string[];
    beforeAll(async () => {
      b = await signUpPerson({ prefix: "bulk" });
      thousand = await manyLeads(b, 1000, "bulk");
    });

    it("updates 1,000 leads in one transaction, with a timeline entry each", async () => {
      const response = await b.browser.post("/api/v1/leads/bulk", {
        ids: thousand,
        changes: { status: "contacted", addTags: ["campaign"] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.updated).toBe(1000);
      const page = (await b.browser.get("/api/v1/leads?tag=campaign&status=contacted&limit=100")).body;
      expect(page.leads).toHaveLength(100);
      const events = await withService((tx) =>
        tx.query<{ n: number }>(
          "select count(*)::int as n from public.lead_events where lead_id = any($1::uuid[]) and type = 'status_changed'",
          [thousand],
        ),
      );
      expect(events.rows[0]!.n).toBe(1000);
    });

    it("1,001 ids is a 422", async () => {
      const response = await b.browser.post("/api/v1/leads/bulk", {
        ids: [...thousand, randomUUID()],
        changes: { status: "lost" },
      });
      expect(response.status).toBe(422);
      expect(response.errors?.ids).toEqual(["Update at most 1,000 leads at once."]);
    });

    it("one id of another organization's lead and nothing changes", async () => {
      const foreign = await newLead(other.browser);
      const response = await b.browser.post("/api/v1/leads/bulk", {
        ids: [...thousand.slice(0, 999), foreign.id],
        changes: { status: "won" },
      });
      expect(response.status).toBe(422);
      expect((await b.browser.get("/api/v1/leads?status=won")).body.leads).toHaveLength(0);
      expect((await other.browser.get(`/api/v1/leads/${foreign.id}`)).body.lead.status).toBe("new");
    });

    it("a rep cannot reassign in bulk", async () => {
      const lead = await newLead(t.rep.browser);
      expect(
        (await t.rep.browser.post("/api/v1/leads/bulk", { ids: [lead.id], changes: { ownerId: t.manager.userId } }))
          .status,
      ).toBe(403);
    });
  });
});
