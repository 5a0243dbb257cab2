import { describe, expect, it } from "vitest";
import { withRls, withService, type Tx } from "@/lib/db";
import { insertLeadEvent, insertLeadEvents } from "@/lib/leads/events";
import { createLead } from "@/lib/leads/mutations";
import { createTestOrg, createTestUser } from "./helpers";

type Row = {
  lead_id: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  reason: string | null;
  evidence: unknown;
  data: Record<string, unknown>;
};

const readEvents = (leadIds: string[]) =>
  withService(
    async (tx) =>
      (
        await tx.query<Row>(
          `select lead_id, type, actor_type, actor_id, reason, evidence, data from public.lead_events
          where lead_id = any($1::uuid[]) and type in ('note', 'signal') order by reason`,
          [leadIds],
        )
      ).rows,
  );

describe("lead timeline writer", () => {
  it("the batch form writes the same rows as one insertLeadEvent per event, in one statement", async () => {
    const owner = await createTestUser({ fullName: "Tim Line" });
    const orgId = await createTestOrg(owner);
    const user = { type: "user" as const, id: owner.id, name: "Tim Line" };
    const agent = { type: "agent" as const, name: "Qualifier" };

    const [a, b] = await withRls(owner.claims, async (tx) => [
      await createLead(tx, user, orgId, { name: "Single Writer" }),
      await createLead(tx, user, orgId, { name: "Batch Writer" }),
    ]);
    const events = (leadId: string) => [
      { orgId, leadId, type: "note" as const, actor: user, reason: "1 a note", data: { n: 1 } },
      {
        orgId,
        leadId,
        type: "signal" as const,
        actor: agent,
        reason: "2 ".padEnd(2100, "x"),
        evidence: { messageId: "m-1" },
      },
    ];

    // Agents write through the service role (members append only their own `user` events).
    await withService(async (tx) => {
      for (const event of events(a)) await insertLeadEvent(tx, event);
      const statements: string[] = [];
      const counting: Tx = {
        query: ((sql: string, params?: unknown[]) => (statements.push(sql), tx.query(sql, params))) as Tx["query"],
        exec: (sql) => tx.exec(sql),
      };
      await insertLeadEvents(counting, events(b));
      await insertLeadEvents(counting, []);
      expect(statements).toHaveLength(1);
    });

    const single = (await readEvents([a])).map(({ lead_id: _, ...row }) => row);
    const batch = (await readEvents([b])).map(({ lead_id: _, ...row }) => row);
    expect(batch).toEqual(single);
    expect(single).toEqual([
      { type: "note", actor_type: "user", actor_id: owner.id, reason: "1 a note", evidence: null, data: { n: 1 } },
      {
        type: "signal",
        actor_type: "agent",
        actor_id: null,
        reason: "2 ".padEnd(2000, "x"),
        evidence: { messageId: "m-1" },
        data: { actorName: "Qualifier" },
      },
    ]);
  });

  it("a member cannot write an event in another user's name through the batch form", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const orgId = await createTestOrg(owner);
    const user = { type: "user" as const, id: owner.id, name: "Owner" };
    const leadId = await withRls(owner.claims, (tx) => createLead(tx, user, orgId, { name: "Impersonated" }));

    await expect(
      withRls(owner.claims, (tx) =>
        insertLeadEvents(tx, [
          {
            orgId,
            leadId,
            type: "note",
            actor: { type: "user", id: other.id, name: "Someone else" },
            reason: "not me",
          },
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
