import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Driver } from "@/lib/db/types";
import { databaseBefore } from "./migration-replay";

/**
 * The migration that removed the unused integration defaults (the Calendly booking switch, the
 * email signature), replayed on a database of its own filled with rows as the old code wrote them.
 */
const MIGRATION = "20261204040000";

let driver: Driver;
const query = <T>(sql: string, params: unknown[] = []) =>
  driver.transaction(async (tx) => (await tx.query<T>(sql, params)).rows);
const users: string[] = [];

beforeAll(async () => {
  const before = await databaseBefore(MIGRATION);
  driver = before.driver;
  for (const settings of [
    {
      calendly: { defaultEventTypeUri: null, bookingNotifications: false },
      whatsapp: { preferredNumberId: null },
      email: { signature: "Grüezi\nAlex" },
    },
    { whatsapp: { preferredNumberId: null } },
  ]) {
    const [user] = await query<{ id: string }>("insert into auth.users (email) values ($1) returning id", [
      `migrated-${users.length}@example.com`,
    ]);
    users.push(user!.id);
    await query("insert into public.user_app_preferences (user_id, integration_settings) values ($1, $2)", [
      user!.id,
      settings,
    ]);
  }
  await before.migrateRest();
});
afterAll(() => driver?.close());

describe("migration 20261204040000 (integration preferences)", () => {
  it("stored rows shed the Calendly booking switch and the email signature, and keep the rest", async () => {
    const rows = await query<{ user_id: string; integration_settings: unknown }>(
      "select user_id, integration_settings from public.user_app_preferences where user_id = any($1::uuid[])",
      [users],
    );
    const byUser = new Map(rows.map((row) => [row.user_id, row.integration_settings]));
    expect(byUser.get(users[0]!)).toEqual({
      calendly: { defaultEventTypeUri: null },
      whatsapp: { preferredNumberId: null },
    });
    expect(byUser.get(users[1]!)).toEqual({ whatsapp: { preferredNumberId: null } });
  });
});
