import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Driver } from "@/lib/db/types";
import { databaseBefore } from "../migration-replay";

/**
 * The migration that turned the sentences stored in `hil_tasks.decision_note` into kinds,
 * replayed on a database of its own: a fresh in-memory PGlite migrated up to the one before it,
 * filled with tasks as the old code decided them, then migrated to the end.
 */
const MIGRATION = "20261204030400";

let driver: Driver;
let orgId = "";
const query = <T>(sql: string, params: unknown[] = []) =>
  driver.transaction(async (tx) => (await tx.query<T>(sql, params)).rows);

/** [status, the note the old code stored, what the row holds afterwards]. */
const OLD_NOTES: [string, string | null, { note: string | null; kind: string | null; params: object }][] = [
  ["superseded", "A newer draft replaced this one.", { note: null, kind: "newer_draft", params: {} }],
  [
    "superseded",
    "The lead wrote again; a fresh draft replaces this one.",
    { note: null, kind: "lead_wrote", params: {} },
  ],
  [
    "superseded",
    "Dana Levi replied in the conversation.",
    { note: null, kind: "person_replied", params: { name: "Dana Levi" } },
  ],
  [
    "superseded",
    "Jörg Müller took over the conversation.",
    { note: null, kind: "taken_over", params: { name: "Jörg Müller" } },
  ],
  ["superseded", "Something nobody wrote a pattern for", { note: null, kind: null, params: {} }],
  ["expired", "Nobody decided in time.", { note: null, kind: "expired", params: {} }],
  ["expired", null, { note: null, kind: "expired", params: {} }],
  [
    "rejected",
    "Prices only after the site visit.",
    { note: "Prices only after the site visit.", kind: null, params: {} },
  ],
  ["approved", null, { note: null, kind: null, params: {} }],
];

beforeAll(async () => {
  const before = await databaseBefore(MIGRATION);
  driver = before.driver;
  await driver.transaction(async (tx) => {
    orgId = (await tx.query<{ id: string }>("insert into public.organizations (name) values ('Notes') returning id"))
      .rows[0]!.id;
    // `at` keeps the rows in order; decided tasks carry their decision time, as the table requires.
    for (const [at, [status, note]] of OLD_NOTES.entries())
      await tx.query(
        `insert into public.hil_tasks (org_id, kind, status, decided_at, decision_note, payload)
         values ($1, 'message_approval', $2, now(), $3, jsonb_build_object('at', $4::int))`,
        [orgId, status, note, at],
      );
  });
  await before.migrateRest();
}, 180_000);

afterAll(async () => {
  await driver?.close();
});

describe("stored decision notes become kinds", () => {
  it("each sentence the code wrote becomes its kind with the person's name; a reviewer's reason stays as written", async () => {
    const rows = await query<{ note: string | null; kind: string | null; params: object }>(
      `select decision_note as note, decision_note_kind as kind, decision_note_params as params
         from public.hil_tasks where org_id = $1 order by (payload ->> 'at')::int`,
      [orgId],
    );
    expect(rows).toEqual(OLD_NOTES.map(([, , after]) => after));
  });

  it("a decided task's note kind stays as final as its note", async () => {
    await expect(
      query("update public.hil_tasks set decision_note_kind = 'newer_draft' where org_id = $1 and status = 'expired'", [
        orgId,
      ]),
    ).rejects.toThrow(/already expired/);
  });
});
