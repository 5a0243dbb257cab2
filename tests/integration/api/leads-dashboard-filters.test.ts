import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { type Browser, team } from "./http";

afterAll(() => closeDatabase());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Team = Awaited<ReturnType<typeof team>>;

const run = randomUUID().slice(0, 8);
let counter = 0;
const iso = (d: Date) => encodeURIComponent(d.toISOString());

/** The lead list's filters the dashboard links to: BANT confirmed, created / qualified / meeting windows. */
describe("lead list filters behind the dashboard's numbers", () => {
  let t: Team;
  const lead: Record<string, Json> = {};
  const created = { old: new Date("2026-01-10T12:00:00Z"), recent: new Date("2026-02-10T12:00:00Z") };
  const windowFrom = new Date("2026-02-01T00:00:00Z");
  const windowTo = new Date("2026-03-01T00:00:00Z");

  async function newLead(name: string, body: Record<string, unknown> = {}) {
    const response = await t.manager.browser.post("/api/v1/leads", {
      name,
      email: `dash-${run}-${++counter}@leads.test`,
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.lead;
  }

  /**
   * A manual meeting on a lead, booked at `bookedAt`, and the lead's engagement memory as
   * scoring keeps it (lib/scoring/engagement.ts): the row and the counters are what the filters read.
   */
  async function meeting(leadId: string, bookedAt: Date, fields: { status?: string; noShow?: boolean } = {}) {
    const held = fields.status === "completed" && !fields.noShow ? 1 : 0;
    await withService(async (tx) => {
      await tx.query(
        `insert into public.meetings (org_id, lead_id, provider, title, starts_at, ends_at, status, no_show, booked_at)
         values ($1, $2, 'manual', 'Intro', $3, $3::timestamptz + interval '30 minutes', $4, $5, $3)`,
        [t.orgId, leadId, bookedAt, fields.status ?? "scheduled", fields.noShow ?? false],
      );
      await tx.query(
        `update public.leads set engagement = engagement || jsonb_build_object('meetingsBooked', 1, 'meetingsHeld', $2::int) where id = $1`,
        [leadId, held],
      );
    });
  }

  beforeAll(async () => {
    t = await team();
    lead.budgetOnly = await newLead("Budget Only");
    lead.qualified = await newLead("Qualified");
    lead.held = await newLead("Held");
    lead.noShow = await newLead("No Show");
    lead.won = await newLead("Won Without Meeting", { status: "won" });
    const partial = await t.manager.browser.patch(`/api/v1/leads/${lead.budgetOnly.id}/bant`, {
      budget: { status: "confirmed", value: "CHF 10k" },
      need: { status: "partial", value: "Maybe" },
    });
    expect(partial.status).toBe(200);
    await t.manager.browser.patch(`/api/v1/leads/${lead.qualified.id}/bant`, {
      budget: { status: "confirmed", value: "CHF 10k" },
      authority: { status: "confirmed", value: "Owner" },
      need: { status: "confirmed", value: "PV" },
      timeline: { status: "confirmed", value: "Q3" },
    });
    await meeting(lead.held.id, new Date("2026-02-05T09:00:00Z"), { status: "completed" });
    await meeting(lead.noShow.id, new Date("2026-01-05T09:00:00Z"), { status: "completed", noShow: true });
    await withService(async (tx) => {
      await tx.query(`update public.leads set created_at = $2 where id = any($1::uuid[])`, [
        [lead.budgetOnly.id, lead.held.id],
        created.recent,
      ]);
      await tx.query(`update public.leads set created_at = $2 where id = any($1::uuid[])`, [
        [lead.qualified.id, lead.noShow.id, lead.won.id],
        created.old,
      ]);
      // The qualifying event inside the window.
      await tx.query(`update public.lead_events set created_at = $2 where lead_id = $1 and type = 'bant_qualified'`, [
        lead.qualified.id,
        new Date("2026-02-15T00:00:00Z"),
      ]);
    });
  });

  const list = async (query: string, who: Browser = t.manager.browser) => {
    const response = await who.get(`/api/v1/leads?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.leads as { name: string }[]).map((l) => l.name).sort();
  };

  it("confirmed lists leads whose named BANT dimensions are all confirmed", async () => {
    expect(await list("confirmed=budget")).toEqual(["Budget Only", "Qualified"]);
    expect(await list("confirmed=budget,need")).toEqual(["Qualified"]);
    expect(await list("confirmed=timeline&qualified=true")).toEqual(["Qualified"]);
  });

  it("createdFrom and createdTo select leads created in [from, to)", async () => {
    expect(await list(`createdFrom=${iso(windowFrom)}&createdTo=${iso(windowTo)}`)).toEqual(["Budget Only", "Held"]);
    expect(await list(`createdTo=${iso(windowFrom)}`)).toEqual(["No Show", "Qualified", "Won Without Meeting"]);
    expect(await list(`createdFrom=${iso(created.recent)}`)).toEqual(["Budget Only", "Held"]);
    expect(await list(`createdTo=${iso(created.recent)}&createdFrom=${iso(windowFrom)}`)).toEqual([]);
  });

  it("qualifiedFrom and qualifiedTo select leads that became BANT-qualified in the window", async () => {
    expect(await list(`qualifiedFrom=${iso(windowFrom)}&qualifiedTo=${iso(windowTo)}`)).toEqual(["Qualified"]);
    expect(await list(`qualifiedTo=${iso(windowFrom)}`)).toEqual([]);
  });

  it("without a window, booked and held read the lead as the funnel does (a won lead counts as booked); no_show and canceled look at its meetings", async () => {
    expect(await list("meeting=booked")).toEqual(["Held", "No Show", "Won Without Meeting"]);
    expect(await list("meeting=held")).toEqual(["Held"]);
    expect(await list("meeting=no_show")).toEqual(["No Show"]);
    expect(await list("meeting=canceled")).toEqual([]);
  });

  it("a meeting window keeps only meetings booked in it (and no status stands in for a booking)", async () => {
    const window = `meetingFrom=${iso(windowFrom)}&meetingTo=${iso(windowTo)}`;
    expect(await list(`meeting=booked&${window}`)).toEqual(["Held"]);
    expect(await list(`meeting=no_show&${window}`)).toEqual([]);
    expect(await list(`meeting=held&createdFrom=${iso(windowFrom)}`)).toEqual(["Held"]);
  });

  it("the new filters page like the others (keyset, no duplicates)", async () => {
    const first = await t.manager.browser.get("/api/v1/leads?meeting=booked&limit=2");
    expect(first.body.leads).toHaveLength(2);
    const second = await t.manager.browser.get(
      `/api/v1/leads?meeting=booked&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    const names = [...first.body.leads, ...second.body.leads].map((l: Json) => l.name).sort();
    expect(names).toEqual(["Held", "No Show", "Won Without Meeting"]);
  });

  it("bad values are 422 field errors", async () => {
    const response = await t.manager.browser.get("/api/v1/leads?confirmed=money&meeting=maybe&createdFrom=yesterday");
    expect(response.status).toBe(422);
    expect(Object.keys(response.errors ?? {}).sort()).toEqual(["confirmed.0", "createdFrom", "meeting"]);
  });

  it("a restricted rep's filtered list still holds only the leads the rep may see", async () => {
    await withService((tx) =>
      tx.query(
        `update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}' where id = $1`,
        [t.orgId],
      ),
    );
    await t.manager.browser.patch(`/api/v1/leads/${lead.held.id}`, { ownerId: t.manager.userId });
    expect(await list("meeting=held", t.rep.browser)).toEqual([]);
    expect(await list("meeting=booked", t.rep.browser)).toEqual(["No Show", "Won Without Meeting"]);
  });
});
