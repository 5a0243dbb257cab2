import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { DEMO_ORGS, seed } from "@/lib/demo/seed";
import { seedDemoInbox } from "@/lib/demo/inbox";
import type { Driver, Tx } from "@/lib/db/types";

/**
 * The demo seed on a database of its own (a fresh in-memory PGlite, in both test projects):
 * the seed's fixed demo emails would collide on the shared PostgreSQL test database.
 */
let driver: Driver;

const read = <T>(sql: string, params: unknown[] = []) =>
  driver.transaction(async (tx: Tx) => (await tx.query<T>(sql, params)).rows);

beforeAll(async () => {
  // Already migrated when the project provides the template (vitest.config.mts); migrate() then applies nothing.
  driver = await openPglite("memory://", { template: process.env.PGLITE_TEMPLATE });
  await migrate(driver);
  await seed(driver);
}, 300_000); // The whole demo seed: seconds alone, minutes on a machine starved by other work.

afterAll(async () => {
  await driver?.close();
});

describe("demo inbox seed", () => {
  it("connects Acme's Twilio and WhatsApp Cloud numbers and Globex's SMS number", async () => {
    const channels = await read<{
      org: string;
      provider: string;
      address: string;
      phone_number_id: string | null;
      capabilities: string[];
      label: string;
    }>(
      `select o.name as org, ch.provider, ch.address, ch.phone_number_id, ch.capabilities, ch.label
         from public.channels ch join public.organizations o on o.id = ch.org_id order by o.name, ch.address`,
    );
    expect(channels).toEqual([
      {
        org: "Acme Solar",
        provider: "twilio",
        address: "+14155550100",
        phone_number_id: null,
        capabilities: ["sms", "whatsapp"],
        label: "Main line",
      },
      {
        org: "Acme Solar",
        provider: "whatsapp_cloud",
        address: "+14155550123",
        phone_number_id: "109876543210",
        capabilities: ["whatsapp"],
        label: "WhatsApp Business",
      },
      {
        org: "Globex",
        provider: "twilio",
        address: "+12125550100",
        phone_number_id: null,
        capabilities: ["sms"],
        label: "Globex SMS",
      },
    ]);
  });

  it("gives Acme about forty conversations with a realistic mix of statuses, mediums and unread threads", async () => {
    const rows = await read<{
      org: string;
      status: string;
      medium: string;
      unread: number;
      unassigned: number;
      n: number;
    }>(
      `select o.name as org, c.status, c.medium, (c.unread_count > 0)::int as unread, (c.assignee_id is null)::int as unassigned, count(*)::int as n
         from public.conversations c join public.organizations o on o.id = c.org_id
        group by 1, 2, 3, 4, 5`,
    );
    const sum = (filter: (r: (typeof rows)[number]) => boolean) => rows.filter(filter).reduce((n, r) => n + r.n, 0);
    expect(sum((r) => r.org === "Globex")).toBe(0);
    expect(sum(() => true)).toBe(40);
    expect(sum((r) => r.status === "open")).toBe(28);
    expect(sum((r) => r.status === "pending")).toBe(7);
    expect(sum((r) => r.status === "closed")).toBe(5);
    expect(sum((r) => r.medium === "sms")).toBeGreaterThanOrEqual(15);
    expect(sum((r) => r.medium === "whatsapp")).toBeGreaterThanOrEqual(15);
    expect(sum((r) => r.unread === 1)).toBeGreaterThanOrEqual(4);
    expect(sum((r) => r.unread === 1 && r.status !== "open")).toBe(0);
    expect(sum((r) => r.unassigned === 1)).toBeGreaterThanOrEqual(1);
    expect(sum((r) => r.unassigned === 0)).toBeGreaterThanOrEqual(25);
  });

  it("writes 2–8 messages per thread, one carrier failure, and provider ids that are unique", async () => {
    const counts = await read<{ n: number }>("select count(*)::int as n from public.messages group by conversation_id");
    expect(counts).toHaveLength(40);
    for (const { n } of counts) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(8);
    }
    const failed = await read<{ error_code: string; error_message: string; direction: string }>(
      "select error_code, error_message, direction from public.messages where status = 'failed'",
    );
    expect(failed).toEqual([
      { error_code: "30007", error_message: "Message filtered by the carrier", direction: "outbound" },
    ]);
    const [ids] = await read<{ total: number; distinct_ids: number; bad: number }>(
      `select count(*)::int as total, count(distinct (provider, provider_message_id))::int as distinct_ids,
              count(*) filter (where not ((provider = 'twilio' and provider_message_id ~ '^SM[0-9a-f]{32}$')
                                       or (provider = 'whatsapp_cloud' and provider_message_id like 'wamid.demo-%')))::int as bad
         from public.messages`,
    );
    expect(ids!.distinct_ids).toBe(ids!.total);
    expect(ids!.bad).toBe(0);
  });

  it("keeps every conversation's summary equal to its messages", async () => {
    const mismatches = await read<{ id: string }>(
      `select c.id from public.conversations c
         cross join lateral (select m.created_at, m.direction, m.body from public.messages m
                              where m.conversation_id = c.id order by m.created_at desc, m.id desc limit 1) last
         left join lateral (select max(m.created_at) as at from public.messages m
                              where m.conversation_id = c.id and m.direction = 'inbound') inbound on true
        where c.last_message_at <> last.created_at
           or c.last_message_direction <> last.direction
           or c.last_message_preview <> left(regexp_replace(last.body, '\\s+', ' ', 'g'), 160)
           or c.last_inbound_at is distinct from inbound.at`,
    );
    expect(mismatches).toEqual([]);
  });

  it("ends every unread conversation with at least as many inbound messages as it counts unread", async () => {
    const rows = await read<{ unread_count: number; directions: string[] }>(
      `select c.unread_count, array(select m.direction from public.messages m where m.conversation_id = c.id order by m.created_at desc limit c.unread_count) as directions
         from public.conversations c where c.unread_count > 0`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.unread_count).toBeLessThanOrEqual(3);
      expect(row.directions).toEqual(Array(row.unread_count).fill("inbound"));
    }
  });

  it("writes outbound messages as the thread's assignee (or the owner when unassigned) or as the agent's approved draft, and inbound ones as the lead", async () => {
    const [wrong] = await read<{ n: number }>(
      `select count(*)::int as n from public.messages m join public.conversations c on c.id = m.conversation_id
        where (m.direction = 'inbound' and (m.author_type <> 'lead' or m.author_id is not null or m.status <> 'received'))
           or (m.direction = 'outbound' and m.author_type = 'agent'
               and not exists (select 1 from public.hil_tasks t where t.sent_message_id = m.id and t.status = 'approved'))
           or (m.direction = 'outbound' and m.author_type <> 'agent' and (m.author_type <> 'user' or m.author_id is null
               or (c.assignee_id is not null and m.author_id <> c.assignee_id)
               or m.status not in ('delivered', 'read', 'failed')))`,
    );
    expect(wrong!.n).toBe(0);
  });

  it("leaves a few WhatsApp threads inside the 24-hour window and none in the future", async () => {
    const [times] = await read<{ open_window: number; future: number; older: number }>(
      `select count(*) filter (where medium = 'whatsapp' and last_inbound_at > now() - interval '24 hours')::int as open_window,
              count(*) filter (where last_message_at > now())::int as future,
              count(*) filter (where last_message_at < now() - interval '10 days 1 minute')::int as older
         from public.conversations`,
    );
    expect(times!.open_window).toBeGreaterThanOrEqual(2);
    expect(times!.future).toBe(0);
    expect(times!.older).toBe(0);
  });

  // How fast is a benchmark's question, not a test's: a timed assertion here only failed on busy machines.
  it("seeds Acme's inbox again from scratch (re-run inside a transaction that is rolled back)", async () => {
    const acme = DEMO_ORGS.find((o) => o.name === "Acme Solar")!;
    let created = 0;
    const rollback = new Error("rollback");
    await driver
      .transaction(async (tx) => {
        const [org] = (
          await tx.query<{ id: string; owner: string }>(
            `select o.id, m.user_id as owner from public.organizations o join public.memberships m on m.org_id = o.id and m.role = 'owner' where o.name = 'Acme Solar'`,
          )
        ).rows;
        await tx.query("delete from public.channels where org_id = $1", [org!.id]); // cascades to conversations and messages
        created = await seedDemoInbox(tx, { orgId: org!.id, createdBy: org!.owner, ...acme.inbox! });
        throw rollback;
      })
      .catch((error) => {
        if (error !== rollback) throw error;
      });
    expect(created).toBe(40);
  });
});
