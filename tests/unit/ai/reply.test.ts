import { describe, expect, it } from "vitest";
import { dataBlock } from "@/lib/ai/prompt";
import { analyzeRequest, localProvider } from "@/lib/ai/providers/local";
import { composeReply } from "@/lib/ai/reply";
import { answerQuestions, businessSentences, meetingContext } from "@/lib/ai/reply-context";
import { formatWhen, meetingTitle } from "@/lib/ai/reply-templates";
import type { DraftMeeting, DraftRequest } from "@/lib/ai/types";
import { draftRequest } from "./helpers";

const provider = localProvider();
const NOW = "2026-12-03T09:00:00.000Z"; // a Thursday
const visit = (over: Partial<DraftMeeting> = {}): DraftMeeting => ({
  title: "Site visit",
  startsAt: "2026-12-08T09:00:00.000Z",
  status: "scheduled",
  timeZone: "Europe/Zurich",
  ...over,
});

async function reply(request: DraftRequest): Promise<string> {
  const outcome = await provider.draft(request);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.result.reply;
}

describe("offline drafts that follow the conversation", () => {
  it("a lead with a booked site visit who asks for an update is reminded of the booking, not asked what they need", async () => {
    const text = await reply(draftRequest("Any update on this?", { now: NOW, meetings: [visit()] }));
    expect(text).toContain("Your site visit is booked for Tuesday 8 December at 10:00 — we'll see you then.");
    expect(text).not.toMatch(/What exactly are you looking for|Good question/);
    expect(text).not.toContain("?");
  });

  it("writes the meeting in the lead's language and the meeting's time zone (German, Hebrew)", async () => {
    const de = await reply(
      draftRequest("Gibt es schon etwas Neues?", { now: NOW, meetings: [visit({ title: "Besichtigung" })] }),
    );
    expect(de).toContain("Ihr Termin „Besichtigung“ ist für Dienstag, 8. Dezember um 10:00 gebucht");
    const he = await reply(
      draftRequest("היי, יש עדכון?", { now: NOW, meetings: [visit({ timeZone: "Asia/Jerusalem" })] }),
    );
    expect(he).toContain("יום שלישי, 8 בדצמבר בשעה 11:00");
    expect(he).toMatch(/^שלום Maya,/);
  });

  it("says UTC when the meeting's time zone is unknown", () => {
    const when = formatWhen(new Date("2026-12-08T09:00:00.000Z"), null, "en", new Date(NOW));
    expect(when).toEqual({ date: "Tuesday 8 December", time: "09:00 UTC" });
  });

  it("offers the scheduling link when the lead wants to move a booked meeting", async () => {
    const text = await reply(
      draftRequest("Something came up, can we move the visit to another day?", { now: NOW, meetings: [visit()] }),
    );
    expect(text).toContain(
      "If that time no longer works for you, you can pick another one here: https://cal.example.com",
    );
  });

  it("offers a new time after a missed meeting instead of another qualifying question", async () => {
    const text = await reply(
      draftRequest("Sorry about yesterday!", {
        now: NOW,
        meetings: [visit({ status: "no_show", startsAt: "2026-12-02T09:00:00.000Z" })],
      }),
    );
    expect(text).toContain("If you'd like a new time, you can pick one here:");
    expect(text).not.toContain("What exactly are you looking for");
  });

  it("answers a question with the business prompt's own sentence", async () => {
    const text = await reply(
      draftRequest("What are your opening hours?", {
        agent: { business: "Acme Solar installs rooftop solar. Our office is open Monday to Friday, 8:00-17:00." },
      }),
    );
    expect(text).toContain("Our office is open Monday to Friday, 8:00-17:00.");
  });

  it("never invents a price the business prompt does not give", async () => {
    const text = await reply(
      draftRequest("How much would a heat pump for a 150 m² house cost?", {
        agent: { business: "Acme Heat installs heat pumps in family homes." },
      }),
    );
    expect(text).toContain("I'll check the price for your case and come back to you");
    expect(text).not.toMatch(/(?:CHF|EUR|€|\$)\s?\d/);
  });

  it("does not ask again for a BANT dimension the lead record already holds or we already asked", async () => {
    const known = draftRequest("Thanks, sounds good.");
    known.lead.bant.budget = { status: "confirmed", value: "CHF 30000", evidence: null };
    known.lead.bant.need = { status: "confirmed", value: "solar", evidence: null };
    const text = await reply(known);
    expect(text).not.toMatch(/budget|What exactly/i);
    expect(text).toContain("When would you ideally like to have this in place?");

    const asked = draftRequest("We need a battery because the power keeps failing.");
    asked.history[0]!.body = "Hi Maya! When would you ideally like to have this in place?";
    expect(await reply(asked)).not.toContain("When would you ideally like");
  });

  it("closes briefly and asks nothing when the lead decided not to go ahead", async () => {
    const text = await reply(
      draftRequest("We've decided not to go ahead with the project, thanks for your time.", {
        now: NOW,
        meetings: [visit()],
      }),
    );
    expect(text).toContain("Thanks for letting me know.");
    expect(text).not.toMatch(/\?|https:/);
  });
});

describe("reading the business prompt and the meetings", () => {
  it("never quotes the business prompt's instructions to the assistant", () => {
    const sentences = businessSentences(
      "We install solar. Never offer discounts. Du bist freundlich. אל תציע הנחות. Prices are quoted after a visit.",
    );
    expect(sentences).toEqual(["We install solar.", "Prices are quoted after a visit."]);
  });

  it("leaves a question unanswered when only one word overlaps", () => {
    const result = answerQuestions(
      ["Do you also install in Geneva?"],
      "Acme Solar installs rooftop solar for SMEs in Zurich.",
    );
    expect(result).toMatchObject({ answers: [], unanswered: 1, price: false });
  });

  it("matches Hebrew words whatever prefix letters they carry", () => {
    const result = answerQuestions(["אתם עובדים גם באזור השרון?"], "אנחנו מתקינים מערכות במרכז ובשרון.");
    expect(result.answers.map((a) => a.sentence)).toEqual(["אנחנו מתקינים מערכות במרכז ובשרון."]);
  });

  it("picks the soonest booking to come and the latest meeting that is not to come", () => {
    const request = draftRequest("Hi", {
      now: NOW,
      meetings: [
        visit({ startsAt: "2026-12-20T09:00:00.000Z" }),
        visit({ startsAt: "2026-12-08T09:00:00.000Z", status: "rescheduled" }),
        visit({ startsAt: "2026-11-01T09:00:00.000Z", status: "completed" }),
        visit({ startsAt: "2026-11-20T09:00:00.000Z", status: "canceled" }),
      ],
    });
    const { next, last } = meetingContext(request);
    expect(next?.startsAt).toBe("2026-12-08T09:00:00.000Z");
    expect(last?.startsAt).toBe("2026-11-20T09:00:00.000Z");
  });

  it("reads an English sentence-case meeting title as a noun and keeps other titles as written", () => {
    expect(meetingTitle("Site visit", "en")).toBe("site visit");
    expect(meetingTitle("30 Minute Meeting", "en")).toBe("30 Minute Meeting");
    expect(meetingTitle("Besichtigung", "de-sie")).toBe("Besichtigung");
    expect(meetingTitle("Besichtigung", "en")).toBe("Besichtigung");
    expect(meetingTitle("Demo", "en")).toBe("demo");
  });
});

describe("the OpenAI-compatible provider's data block", () => {
  it("carries the lead's meetings, so a model can recall a booking too", () => {
    const block = dataBlock(draftRequest("Any update?", { now: NOW, meetings: [visit()] }));
    expect(block).toContain('"meetings":[{"title":"Site visit","startsAt":"2026-12-08T09:00:00.000Z"');
  });
});

describe("questions about a booked meeting", () => {
  it("answers 'is it still on?' with the booking, but promises to check what to prepare for it", async () => {
    const stillOn = await reply(draftRequest("Is the visit still on?", { now: NOW, meetings: [visit()] }));
    expect(stillOn).toContain("Tuesday 8 December at 10:00");
    expect(stillOn).not.toContain("I'll check");
    const prepare = await reply(
      draftRequest("Do I need to prepare anything for the visit?", { now: NOW, meetings: [visit()] }),
    );
    expect(prepare).toContain("I'll check and come back to you on that.");
    expect(prepare).toContain("Tuesday 8 December at 10:00");
  });
});

describe("acknowledging what the lead said", () => {
  it("repeats an estimated budget back as a rough figure instead of calling it unsettled", () => {
    const request = draftRequest("We could spend something like CHF 15k.");
    const read = analyzeRequest(request);
    const analysis = {
      ...read,
      bant: { ...read.bant, budget: { status: "partial" as const, value: "CHF 15000", quote: null, confidence: 0.8 } },
    };
    const text = composeReply({ request, analysis, lang: "en" });
    expect(text).toContain("Thanks, a rough budget of CHF 15000 already helps us plan.");
  });
});
