import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { expireOverdueTasks } from "@/lib/approvals/workers";
import { translatorFor } from "@/lib/i18n/translator";
import { mobile } from "../inbox/webhook-client";
import { addSmsLine, leadWritesTo, salesTemplate as sales, tasksOf, type Team } from "./harness";
import { team } from "../api/http";

/**
 * Why a draft left the queue without a decision is stored as a kind with its parameters and
 * worded when read, in the caller's language; what a reviewer typed is shown as written.
 */
afterAll(() => closeDatabase());

let t: Team;
let twilioNumber: string;

const leadWrites = (from: string, body: string) => leadWritesTo(t.orgId, twilioNumber, from, body);

/** The note as the manager reads it through the API, in `language` (their preference). */
async function noteIn(language: "en" | "de" | "he", taskId: string) {
  expect((await t.manager.browser.patch("/api/v1/preferences", { interface: { language } })).status).toBe(200);
  const detail = await t.manager.browser.get(`/api/v1/approvals/${taskId}`);
  expect(detail.status).toBe(200);
  return detail.body.task as { decisionNote: string | null; decisionReason: unknown };
}

/** The note's text in `language`'s own catalogue (never a fallback or the bare key). */
function worded(language: "en" | "de" | "he", key: string, values: Record<string, string> = {}): string {
  const t = translatorFor(language, "approvals") as ReturnType<typeof translatorFor> & { has(key: string): boolean };
  expect(t.has(`decisionNotes.${key}`), `${language} words decisionNotes.${key}`).toBe(true);
  return t(`decisionNotes.${key}`, values);
}

beforeAll(async () => {
  t = await team();
  twilioNumber = await addSmsLine(t);
  const created = await t.manager.browser.post("/api/v1/agents", { ...sales, name: "Sunny", language: "en" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});

afterAll(async () => {
  await t.manager.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
});

describe("decision notes", () => {
  it("a takeover stores its kind and who took over, and the API words it in English, German and Hebrew", async () => {
    const conversation = await leadWrites(mobile(), "Could you send me an offer?");
    const [draft] = await tasksOf(conversation.id);
    expect((await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/takeover`)).status).toBe(200);

    const [stored] = await tasksOf(conversation.id);
    expect(stored).toMatchObject({
      status: "superseded",
      decision_note: null,
      decision_note_kind: "taken_over",
      decision_note_params: { name: t.rep.fullName },
    });

    const reason = { kind: "taken_over", params: { name: t.rep.fullName } };
    const english = await noteIn("en", draft!.id);
    expect(english).toEqual(
      expect.objectContaining({
        decisionNote: `${t.rep.fullName} took over the conversation.`,
        decisionReason: reason,
      }),
    );
    for (const language of ["de", "he"] as const) {
      const task = await noteIn(language, draft!.id);
      expect(task.decisionNote).toBe(worded(language, "taken_over", { name: t.rep.fullName }));
      expect(task.decisionNote).toContain(t.rep.fullName);
      expect(task.decisionNote).not.toBe(english.decisionNote);
      expect(task.decisionReason).toEqual(reason);
    }

    // The queue's history lists it the same way.
    const list = await t.manager.browser.get(`/api/v1/approvals?status=superseded&conversationId=${conversation.id}`);
    expect(list.body.tasks.map((task: { decisionNote: string }) => task.decisionNote)).toEqual([
      worded("he", "taken_over", { name: t.rep.fullName }),
    ]);
  });

  it("a fresh draft after the lead wrote again, and the expiry sweep, store kinds that German readers read in German", async () => {
    const from = mobile();
    const conversation = await leadWrites(from, "Do you install heat pumps?");
    await leadWrites(from, "And what about batteries?");
    const [replaced, waiting] = await tasksOf(conversation.id);
    expect(replaced).toMatchObject({ status: "superseded", decision_note: null, decision_note_kind: "lead_wrote" });

    await withService((tx) =>
      tx.query("update public.hil_tasks set expires_at = now() - interval '1 minute' where id = $1", [waiting!.id]),
    );
    expect(await expireOverdueTasks()).toBeGreaterThanOrEqual(1);
    expect((await tasksOf(conversation.id))[1]).toMatchObject({
      status: "expired",
      decision_note: null,
      decision_note_kind: "expired",
    });

    expect((await noteIn("de", replaced!.id)).decisionNote).toBe(worded("de", "lead_wrote"));
    expect((await noteIn("de", waiting!.id)).decisionNote).toBe(worded("de", "expired"));
    expect(worded("de", "expired")).not.toBe(worded("en", "expired"));
  });

  it("a reviewer's rejection note is shown as written, whatever the reader's language", async () => {
    const conversation = await leadWrites(mobile(), "How much is a 10 kWp system?");
    const [draft] = await tasksOf(conversation.id);
    const reason = "Bitte erst nach dem Termin über Preise sprechen";
    expect((await t.manager.browser.post(`/api/v1/approvals/${draft!.id}/reject`, { reason })).status).toBe(200);
    expect((await tasksOf(conversation.id))[0]).toMatchObject({ decision_note: reason, decision_note_kind: null });
    for (const language of ["en", "he"] as const)
      expect(await noteIn(language, draft!.id)).toMatchObject({ decisionNote: reason, decisionReason: null });
  });

  it("the database keeps free text for a reviewer's rejection only", async () => {
    const conversation = await leadWrites(mobile(), "Is the roof survey free?");
    const [draft] = await tasksOf(conversation.id);
    await expect(
      withService((tx) =>
        tx.query("update public.hil_tasks set status = 'superseded', decision_note = 'Rep replied' where id = $1", [
          draft!.id,
        ]),
      ),
    ).rejects.toThrow(/hil_tasks_note_is_a_reviewers_reason/);
  });
});
