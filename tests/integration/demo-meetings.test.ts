import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { seed } from "@/lib/demo/seed";
import type { Driver, Tx } from "@/lib/db/types";
import { listMeetings } from "@/lib/meetings/queries";
import { listMeetingsQuerySchema } from "@/lib/meetings/schema";
import { DEMO_DELIVERY_NOTE } from "@/lib/demo/notifications";

/**
 * The demo seed's meetings and its notification clean-up, on a database of its own (a fresh
 * in-memory PGlite): the seed's fixed demo emails would collide on a shared database.
 */
let driver: Driver;
let acmeId: string;
const users = new Map<string, string>();

const read = <T>(sql: string, params: unknown[] = []) =>
  driver.transaction(async (tx: Tx) => (await tx.query<T>(sql, params)).rows);

/** listMeetings as a demo user, through RLS, as the /meetings page calls it. */
const meetingsAs = (email: string, tab: "upcoming" | "past") =>
  driver.transaction(async (tx) => {
    const sub = users.get(email)!;
    await actAs(tx, { sub, email, role: "authenticated" });
    return (await listMeetings(tx, acmeId, sub, listMeetingsQuerySchema.parse({ tab }))).meetings;
  });

beforeAll(async () => {
  // Already migrated when the project provides the template (vitest.config.mts); migrate() then applies nothing.
  driver = await openPglite("memory://", { template: process.env.PGLITE_TEMPLATE });
  await migrate(driver);
  await seed(driver);
  acmeId = (await read<{ id: string }>("select id from public.organizations where name = 'Acme Solar'"))[0]!.id;
  for (const u of await read<{ id: string; email: string }>("select id, email from public.profiles"))
    users.set(u.email, u.id);
}, 180_000);

afterAll(async () => {
  await driver?.close();
});

describe("demo meetings seed", () => {
  it("books eight Calendly meetings for Acme (none for Globex), all through processed webhook deliveries", async () => {
    const perOrg = await read<{ org: string; shown: number; rows: number }>(
      `select o.name as org, count(m.id) filter (where m.rescheduled_to_id is null)::int as shown, count(m.id)::int as rows
         from public.organizations o left join public.meetings m on m.org_id = o.id group by o.name order by o.name`,
    );
    expect(perOrg).toEqual([
      { org: "Acme Solar", shown: 8, rows: 9 },
      { org: "Globex", shown: 0, rows: 0 },
    ]);
    const events = await read<{ kind: string; state: string; n: number }>(
      "select kind, state, count(*)::int as n from public.inbound_events where provider = 'calendly' group by 1, 2 order by 1, 2",
    );
    expect(events).toEqual([
      { kind: "invitee.canceled", state: "processed", n: 2 },
      { kind: "invitee.created", state: "processed", n: 9 },
      { kind: "invitee_no_show.created", state: "processed", n: 1 },
    ]);
    const [providers] = await read<{ calendly: number; invitees: number }>(
      `select count(*) filter (where provider = 'calendly')::int as calendly, count(distinct provider_invitee_uri)::int as invitees from public.meetings`,
    );
    expect(providers).toEqual({ calendly: 9, invitees: 9 });
  });

  it("shows five upcoming meetings with join links for the leads' owners, one of them later today, plus the canceled one", async () => {
    const upcoming = await meetingsAs("owner@acme.test", "upcoming");
    const statuses = upcoming.map((m) => m.status).sort();
    expect(statuses).toEqual(["canceled", "rescheduled", "scheduled", "scheduled", "scheduled", "scheduled"]);
    const active = upcoming.filter((m) => m.status !== "canceled");
    for (const m of active) {
      expect(m.joinUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect(new Date(m.startsAt).getTime()).toBeGreaterThan(Date.now());
      expect(m.inviteeEmail).toBeTruthy();
      expect(m.answers.length).toBeGreaterThan(0);
    }
    expect(active.some((m) => new Date(m.startsAt).getTime() < Date.now() + 4 * 3600_000)).toBe(true);
    expect(active.some((m) => new Date(m.startsAt).getTime() > Date.now() + 6 * 24 * 3600_000)).toBe(true);
    // Apart from the one later today, the invitees booked office hours in their own time zone.
    const zurichHour = (at: Date) =>
      Number(
        new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zurich", hour: "numeric", hourCycle: "h23" }).format(
          new Date(at),
        ),
      );
    const later = active.filter((m) => new Date(m.startsAt).getTime() > Date.now() + 12 * 3600_000);
    expect(later.length).toBeGreaterThanOrEqual(3);
    for (const m of later) {
      expect(zurichHour(m.startsAt), m.title).toBeGreaterThanOrEqual(9);
      expect(zurichHour(m.startsAt), m.title).toBeLessThan(18);
    }

    const [mismatched] = await read<{ n: number; unowned: number }>(
      `select count(*) filter (where m.owner_id is distinct from l.owner_id)::int as n, count(*) filter (where m.owner_id is null)::int as unowned
         from public.meetings m join public.leads l on l.id = m.lead_id`,
    );
    expect(mismatched).toEqual({ n: 0, unowned: 0 });

    // Spread over the team: the rep and the manager each have a meeting coming up.
    for (const email of ["rep@acme.test", "manager@acme.test"]) {
      const mine = (await meetingsAs(email, "upcoming")).filter(
        (m) => m.ownerId === users.get(email) && m.status !== "canceled",
      );
      expect(mine.length, email).toBeGreaterThanOrEqual(1);
    }
  });

  it("has a held meeting and a no-show in the past, and a cancellation with its reason", async () => {
    const past = await meetingsAs("owner@acme.test", "past");
    expect(past.map((m) => m.status).sort()).toEqual(["completed", "no_show"]);
    const [canceled] = await read<{
      canceled_reason: string;
      canceled_by: string;
      invitee_name: string;
      starts_at: Date;
    }>(
      "select canceled_reason, canceled_by, invitee_name, starts_at from public.meetings where status = 'canceled' and rescheduled_to_id is null",
    );
    expect(canceled!.canceled_reason).toMatch(/postponing the project/);
    expect(canceled!.canceled_by).toBe(canceled!.invitee_name);
  });

  it("keeps the rescheduled meeting as one meeting: the new half links back to the replaced one", async () => {
    const rows = await read<{
      new_id: string;
      old_status: string;
      old_to: string;
      new_from: string;
      old_starts: Date;
      new_starts: Date;
      lead_same: boolean;
    }>(
      `select n.id as new_id, o.status as old_status, o.rescheduled_to_id as old_to, n.rescheduled_from_id as new_from,
              o.starts_at as old_starts, n.starts_at as new_starts, o.lead_id = n.lead_id as lead_same
         from public.meetings n join public.meetings o on o.id = n.rescheduled_from_id`,
    );
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(r).toMatchObject({ old_status: "canceled", old_to: r.new_id, lead_same: true });
    expect(new Date(r.new_starts).getTime()).toBeGreaterThan(new Date(r.old_starts).getTime());
    const all = [
      ...(await meetingsAs("owner@acme.test", "upcoming")),
      ...(await meetingsAs("owner@acme.test", "past")),
    ];
    expect(all.filter((m) => m.id === r.new_id || m.id === r.new_from).map((m) => m.status)).toEqual(["rescheduled"]);
    const [timeline] = await read<{ n: number }>(
      `select count(*)::int as n from public.lead_events e join public.meetings m on m.id = $1
        where e.lead_id = m.lead_id and e.type = 'meeting_rescheduled' and e.reason_key = 'meeting_moved'`,
      [r.new_id],
    );
    expect(timeline!.n).toBe(1);
  });

  it("turns leads with a booked or held meeting hot, with the booking on their timeline", async () => {
    const leads = await read<{
      display: string;
      heat_level: string;
      status: string;
      booked_events: number;
      heat_events: number;
    }>(
      `select case when m.status = 'completed' then 'completed' when m.rescheduled_from_id is not null then 'rescheduled' else 'scheduled' end as display,
              l.heat_level, l.status,
              (select count(*) from public.lead_events e where e.lead_id = l.id and e.type = 'meeting_booked' and e.reason_key = 'meeting_booked')::int as booked_events,
              (select count(*) from public.lead_events e where e.lead_id = l.id and e.type = 'heat_changed' and e.actor_type = 'webhook')::int as heat_events
         from public.meetings m join public.leads l on l.id = m.lead_id
        where m.rescheduled_to_id is null and not m.no_show and (m.status = 'completed' or (m.status = 'scheduled' and m.starts_at > now()))`,
    );
    expect(leads).toHaveLength(6);
    for (const lead of leads) {
      expect(["hot", "burning"], JSON.stringify(lead)).toContain(lead.heat_level);
      expect(lead.status).toBe("meeting_scheduled");
      expect(lead.booked_events).toBe(1);
      expect(lead.heat_events).toBeGreaterThanOrEqual(1);
    }
    // The missed and the called-off meetings cost their leads the booking's heat again.
    const cooled = await read<{ heat_level: string }>(
      `select l.heat_level from public.meetings m join public.leads l on l.id = m.lead_id
        where m.no_show or (m.status = 'canceled' and m.rescheduled_to_id is null)`,
    );
    expect(cooled).toHaveLength(2);
    for (const lead of cooled) expect(["cold", "warm"]).toContain(lead.heat_level);
  });
});

describe("demo notifications", () => {
  it("leaves at most five unread notifications per person, the newest ones", async () => {
    const rows = await read<{ email: string; unread: number; total: number; stale_unread: number }>(
      `select p.email, count(*) filter (where n.read_at is null)::int as unread, count(*)::int as total,
              count(*) filter (where n.read_at is null and exists (
                select 1 from public.notifications newer where newer.user_id = n.user_id and newer.org_id = n.org_id and newer.in_app
                   and newer.read_at is not null and (newer.created_at, newer.id) > (n.created_at, n.id)))::int as stale_unread
         from public.notifications n join public.profiles p on p.id = n.user_id
        where n.in_app group by p.email order by p.email`,
    );
    const admin = rows.find((r) => r.email === "admin@acme.test");
    expect(admin!.total).toBeGreaterThan(20); // the seed does notify; this is about how much is left unread
    for (const row of rows) {
      expect(row.unread, row.email).toBeLessThanOrEqual(5);
      expect(row.stale_unread, row.email).toBe(0);
    }
    expect(rows.filter((r) => r.unread > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("writes the meeting notifications but leaves no email, push or SMS waiting to be sent", async () => {
    const kinds = await read<{ kind: string }>(
      "select distinct kind from public.notifications where kind like 'meeting_%' order by kind",
    );
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(["meeting_booked", "meeting_canceled", "meeting_no_show", "meeting_rescheduled"]),
    );
    const deliveries = await read<{ status: string; last_error_kind: string | null; n: number }>(
      "select status, last_error_kind, count(*)::int as n from public.notification_deliveries group by 1, 2",
    );
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === "skipped" && d.last_error_kind === DEMO_DELIVERY_NOTE)).toBe(true);
  });
});
