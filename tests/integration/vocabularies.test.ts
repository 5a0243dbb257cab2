import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase, database } from "@/lib/db/client";
import { pendingMigrations } from "@/lib/db/migrate";
import { DECISION_NOTE_KINDS } from "@/lib/approvals/notes";
import { TASK_KINDS, TASK_STATUSES } from "@/lib/approvals/schema";
import { AGENT_ROLES } from "@/lib/ai/types";
import { ROLES } from "@/lib/auth/roles";
import { INBOUND_PROVIDERS } from "@/lib/inbound/handlers";
import { CHANNEL_CAPABILITIES, CHANNEL_PROVIDERS } from "@/lib/channels/schema";
import { CONVERSATION_MEDIA, CONVERSATION_STATUSES, MESSAGE_STATUSES } from "@/lib/inbox/types";
import { LEAD_EVENT_TYPES, LEAD_SOURCES, LEAD_STATUSES } from "@/lib/leads/schema";
import { GOOGLE_EVENT_ERRORS, GOOGLE_EVENT_STATES, MEETING_RECORD_STATUSES } from "@/lib/meetings/schema";
import { DEFAULT_CHANNELS, NOTIFICATION_CATEGORIES, OUT_OF_APP_CHANNELS } from "@/lib/notifications/categories";
import { BANT_DIMENSIONS, BANT_STATUSES, HEAT_LEVELS } from "@/lib/scoring";

/**
 * Every vocabulary the database enforces has exactly one TypeScript constant, and the two
 * agree in both directions: a value the code writes that the database refuses fails here, and
 * so does a value the database allows that the code cannot name (or show). Lookup tables are
 * read row by row; the smaller closed sets still guarded by a check constraint are read from
 * the constraint as the catalogue prints it.
 */

afterAll(() => closeDatabase());

beforeAll(async () => {
  await database(); // opens and migrates (a fresh in-memory database per file on PGlite)
});

/** Values of one column of a lookup table. */
async function lookup(table: string, column: string): Promise<string[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ value: string }>(`select ${column} as value from public.${table} order by 1`);
    return rows.map((r) => r.value);
  });
}

/**
 * The quoted literals of the check constraint on exactly this one column (constraints
 * spanning several columns are rules, not vocabularies, and are left out).
 */
async function checkValues(table: string, column: string): Promise<string[]> {
  const definitions = await withService(async (tx) => {
    const { rows } = await tx.query<{ definition: string }>(
      `select pg_get_constraintdef(c.oid) as definition
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attname = $2
        where c.conrelid = $1::regclass and c.contype = 'c' and c.conkey = array[a.attnum]`,
      [`public.${table}`, column],
    );
    return rows.map((r) => r.definition);
  });
  const withLiterals = definitions.filter((d) => d.includes("'"));
  expect(withLiterals, `one check constraint lists the values of public.${table}.${column}`).toHaveLength(1);
  return [...withLiterals[0]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** Both directions, each with its own message, so a failure says which side lacks what. */
function expectSameValues(code: readonly string[], database: readonly string[], what: string): void {
  expect(new Set(code).size, `${what}: the TypeScript constant lists a value twice`).toBe(code.length);
  expect(
    code.filter((v) => !database.includes(v)),
    `${what}: in TypeScript but not in the database`,
  ).toEqual([]);
  expect(
    database.filter((v) => !code.includes(v)),
    `${what}: in the database but not in TypeScript`,
  ).toEqual([]);
}

describe("the migrated database", () => {
  it("has run every migration", async () => {
    expect(await withService((tx) => pendingMigrations(tx))).toEqual([]);
  });
});

describe("lookup tables and their TypeScript constants", () => {
  it("every lead event type in TypeScript exists in the database and vice versa", async () => {
    expectSameValues(LEAD_EVENT_TYPES, await lookup("lead_event_types", "type"), "lead event types");
  });

  it("every lead source in TypeScript exists in the database and vice versa", async () => {
    expectSameValues(LEAD_SOURCES, await lookup("lead_sources", "source"), "lead sources");
  });

  it("every notification category in TypeScript exists in the database and vice versa", async () => {
    expectSameValues(
      NOTIFICATION_CATEGORIES,
      await lookup("notification_categories", "category"),
      "notification categories",
    );
  });

  it("each notification category's default channels are the same in TypeScript and the database", async () => {
    const rows = await withService(async (tx) => {
      const { rows } = await tx.query<{
        category: string;
        in_app: boolean;
        email: boolean;
        push: boolean;
        sms: boolean;
      }>(
        `select category, default_in_app as in_app, default_email as email, default_push as push, default_sms as sms
           from public.notification_categories`,
      );
      return rows;
    });
    expect(Object.fromEntries(rows.map(({ category, ...switches }) => [category, switches]))).toEqual(DEFAULT_CHANNELS);
  });

  it("the vocabulary columns reference their lookup tables", async () => {
    const keys = await withService(async (tx) => {
      const { rows } = await tx.query<{ key: string }>(
        `select format('%s.%s -> %s', c.conrelid::regclass, a.attname, c.confrelid::regclass) as key
           from pg_constraint c
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          where c.contype = 'f' and c.confrelid in ('public.lead_event_types'::regclass, 'public.lead_sources'::regclass,
                                                    'public.notification_categories'::regclass)`,
      );
      return rows.map((r) => r.key);
    });
    expect(keys).toEqual(
      expect.arrayContaining([
        "leads.source -> lead_sources",
        "lead_events.type -> lead_event_types",
        "notifications.category -> notification_categories",
      ]),
    );
  });
});

describe("check-constraint vocabularies and their TypeScript constants", () => {
  const cases: [string, string, readonly string[]][] = [
    ["leads", "status", LEAD_STATUSES],
    ["leads", "heat_level", HEAT_LEVELS],
    ["bant_suggestions", "dimension", BANT_DIMENSIONS],
    ["bant_suggestions", "status", BANT_STATUSES],
    ["memberships", "role", ROLES],
    ["invitations", "role", ROLES],
    ["channels", "provider", CHANNEL_PROVIDERS],
    ["channels", "capabilities", CHANNEL_CAPABILITIES],
    ["conversations", "medium", CONVERSATION_MEDIA],
    ["conversations", "status", CONVERSATION_STATUSES],
    ["messages", "status", MESSAGE_STATUSES],
    ["meetings", "status", MEETING_RECORD_STATUSES],
    ["meeting_google_events", "state", GOOGLE_EVENT_STATES],
    ["meeting_google_events", "error_kind", GOOGLE_EVENT_ERRORS],
    ["hil_tasks", "kind", TASK_KINDS],
    ["hil_tasks", "status", TASK_STATUSES],
    ["hil_tasks", "decision_note_kind", DECISION_NOTE_KINDS],
    ["ai_agents", "role", AGENT_ROLES],
    ["notification_deliveries", "channel", OUT_OF_APP_CHANNELS],
    ["inbound_events", "provider", INBOUND_PROVIDERS],
  ];

  it.each(cases)(
    "public.%s.%s allows exactly the values of its TypeScript constant",
    async (table, column, constant) => {
      expectSameValues(constant, await checkValues(table, column), `public.${table}.${column}`);
    },
  );
});
