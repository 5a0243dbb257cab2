import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { team } from "./api/http";

/**
 * Timeline texts are rendered at read time from a reason key and its parameters; only what a
 * person typed is stored as written (lib/leads/reasons.ts).
 */
let t: Awaited<ReturnType<typeof team>>;

beforeAll(async () => {
  t = await team();
});

afterAll(async () => {
  await closeDatabase();
});

describe("timeline texts", () => {
  it("a note's free text is shown as written", async () => {
    const lead = await t.rep.browser.post("/api/v1/leads", { name: "Nora Note", ownerId: t.rep.userId });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const leadId = lead.body.lead.id as string;
    // Braces, apostrophes and markup a message format would otherwise interpret.
    const text = "Call back after the fair — she said {budget} is 'flexible', <b>#1</b> priority.\nSecond line.";
    expect((await t.rep.browser.post(`/api/v1/leads/${leadId}/notes`, { text })).status).toBe(201);

    const stored = await withService(
      async (tx) =>
        (
          await tx.query<{
            type: string;
            reason: string | null;
            reason_key: string | null;
            reason_params: Record<string, unknown>;
          }>(
            "select type, reason, reason_key, reason_params from public.lead_events where lead_id = $1 order by created_at",
            [leadId],
          )
        ).rows,
    );
    // The note as typed; the creation as a key with the creator's name, no sentence.
    expect(stored).toEqual([
      { type: "created", reason: null, reason_key: "created_by", reason_params: { name: t.rep.fullName } },
      { type: "note", reason: text, reason_key: null, reason_params: {} },
    ]);

    const timeline = await t.rep.browser.get(`/api/v1/leads/${leadId}/events`);
    expect(timeline.status).toBe(200);
    const byType = Object.fromEntries(timeline.body.events.map((e: { type: string }) => [e.type, e]));
    expect(byType.note).toMatchObject({ reason: text, reasonKey: null, reasonParams: {} });
    expect(byType.created).toMatchObject({
      reason: `Created by ${t.rep.fullName}`,
      reasonKey: "created_by",
      reasonParams: { name: t.rep.fullName },
    });
  });
});
