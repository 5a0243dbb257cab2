import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { LOCALES } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { LEAD_EVENT_TYPES } from "@/lib/leads/schema";
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

  it("the fields an update, a bulk update and an import merge name are shown by their labels in the reader's language", async () => {
    const lead = await t.manager.browser.post("/api/v1/leads", {
      name: "Frieda Felder",
      email: "frieda.felder@timeline.test",
      tags: ["old"],
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const leadId = lead.body.lead.id as string;
    expect(
      (await t.manager.browser.patch(`/api/v1/leads/${leadId}`, { company: "Felder AG", title: "CEO" })).status,
    ).toBe(200);
    const bulk = await t.manager.browser.post("/api/v1/leads/bulk", {
      ids: [leadId],
      changes: { status: "contacted", addTags: ["fair"], removeTags: ["old"] },
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    const merge = new FormData();
    const csv = "name,email,phone\nFrieda F.,frieda.felder@timeline.test,+41 79 555 12 34\n";
    merge.set("file", new Blob([csv], { type: "text/csv" }), "leads.csv");
    const imported = await t.manager.browser.post("/api/v1/leads/import", undefined, { rawBody: merge });
    expect(imported.body, JSON.stringify(imported.body)).toMatchObject({ merged: 1 });

    expect((await t.manager.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
    try {
      const reasons = translatorFor("de", "timelineReasons");
      const label = translatorFor("de", "leads.fields");
      const { events } = (await t.manager.browser.get(`/api/v1/leads/${leadId}/events`)).body;
      const reasonOf = (key: string) => events.find((e: { reasonKey: string }) => e.reasonKey === key)?.reason;
      // Stored as field names (data, any language)…
      expect(events.find((e: { reasonKey: string }) => e.reasonKey === "bulk_update").reasonParams).toEqual({
        fields: ["status", "addTags", "removeTags"],
      });
      // …read with the lead form's German labels, a field changed twice named once.
      expect(reasonOf("fields_updated")).toBe(
        reasons("fields_updated", { fields: `${label("company")}, ${label("title")}` }),
      );
      expect(reasonOf("fields_updated")).toBe("Aktualisiert: Firma, Position");
      expect(reasonOf("bulk_update")).toBe(reasons("bulk_update", { fields: `${label("status")}, ${label("tags")}` }));
      expect(reasonOf("merged_from_import")).toBe(
        reasons("merged_from_import", { name: t.manager.fullName, fields: label("phone") }),
      );
      expect(reasonOf("merged_from_import")).toContain("Telefon");
    } finally {
      await t.manager.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
  });

  it("every lead event type, the AI's approvals, rejections and auto-sends included, has a title in every language", () => {
    expect(LEAD_EVENT_TYPES).toEqual(
      expect.arrayContaining(["ai_draft_approved", "ai_draft_rejected", "ai_auto_sent"]),
    );
    for (const locale of LOCALES) {
      const events = translatorFor(locale, "leads.events") as ReturnType<typeof translatorFor> & {
        has: (key: string) => boolean;
      };
      for (const type of LEAD_EVENT_TYPES) {
        expect(events.has(type), `${locale}: leads.events.${type}`).toBe(true);
        expect(events(type), `${locale}: leads.events.${type}`).not.toBe(type);
      }
    }
    expect(translatorFor("de", "leads.events")("ai_auto_sent")).not.toBe(
      translatorFor("en", "leads.events")("ai_auto_sent"),
    );
  });
});
