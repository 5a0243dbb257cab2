import { describe, expect, it } from "vitest";
import { readTemplateStatus, whatsappEvents, cloudEnvelope } from "@/lib/inbox/inbound";
import { optOutKeyword } from "@/lib/outreach/keywords";
import { stepPlan } from "@/lib/outreach/pace";
import { templateBlock } from "@/lib/outreach/send";
import { fillParameters, numberedInOrder, placeholders, renderTemplate } from "@/lib/outreach/variables";

const lead = { name: "Ana Maria Lima", company: "Acme", owner: "Sam Rep", meetingLink: "https://cal.example/sam" };

describe("template variables", () => {
  it("finds the numbered variables once each, in order", () => {
    expect(placeholders("Hi {{1}}, {{ 2 }} and {{1}} again, {{3}}")).toEqual([1, 2, 3]);
    expect(placeholders("No variables")).toEqual([]);
  });

  it("accepts variables numbered from 1 without gaps only", () => {
    expect(numberedInOrder("{{1}} {{2}}")).toBe(true);
    expect(numberedInOrder("{{2}}")).toBe(false);
    expect(numberedInOrder("{{1}} {{3}}")).toBe(false);
  });

  it("fills each variable from its source and leaves unknown ones to the sender", () => {
    const variables = [
      { source: "firstName" as const, example: "" },
      { source: "owner" as const, example: "" },
      { source: "company" as const, example: "" },
      { source: "meetingLink" as const, example: "" },
      { source: null, example: "" },
    ];
    expect(fillParameters("{{1}} {{2}} {{3}} {{4}} {{5}}", variables, lead)).toEqual([
      "Ana",
      "Sam Rep",
      "Acme",
      "https://cal.example/sam",
      "",
    ]);
    expect(fillParameters("{{1}}", [{ source: "company", example: "" }], { ...lead, company: null })).toEqual([""]);
  });

  it("renders the text a lead reads, keeping a placeholder without a value", () => {
    expect(renderTemplate("Hi {{1}}, meet {{2}}. {{3}}", ["Ana", "Sam"])).toBe("Hi Ana, meet Sam. {{3}}");
  });
});

describe("opt-out keywords", () => {
  it.each([
    ["STOP", "en"],
    [" stop ", "en"],
    ["Stop!", "en"],
    ["UNSUBSCRIBE", "en"],
    ["STOPP", "de"],
    ["abmelden", "de"],
    ["  Abmelden. ", "de"],
    ["הסר", "he"],
    [" הסר ", "he"],
  ])("%j is an opt-out confirmed in %s", (text, language) => {
    expect(optOutKeyword(text)).toBe(language);
  });

  it.each(["please stop", "stop by tomorrow", "nicht abmelden", "start", "", "STOP ".repeat(20)])(
    "%j is not an opt-out",
    (text) => {
      expect(optOutKeyword(text)).toBeNull();
    },
  );
});

describe("what may be sent to whom", () => {
  it("marketing needs an opt-in; nothing goes to an opted-out lead; utility goes without a record", () => {
    expect(templateBlock({ category: "marketing" }, null)).toBe("needs_opt_in");
    expect(templateBlock({ category: "marketing" }, "opted_in")).toBeNull();
    expect(templateBlock({ category: "utility" }, null)).toBeNull();
    expect(templateBlock({ category: "utility" }, "opted_out")).toBe("opted_out");
  });
});

describe("a bulk send's pace", () => {
  it("never queues more per minute than the run's rate", () => {
    for (const rate of [1, 2, 5, 6, 7, 30, 60, 61, 600]) {
      const { batch, delaySeconds } = stepPlan(rate);
      expect(batch * (60 / delaySeconds)).toBeLessThanOrEqual(rate);
      expect(batch).toBeGreaterThanOrEqual(1);
    }
    expect(stepPlan(2)).toEqual({ batch: 1, delaySeconds: 30 });
    expect(stepPlan(60)).toEqual({ batch: 10, delaySeconds: 10 });
  });
});

describe("the Cloud API's template status webhook", () => {
  it("becomes one event per change, read back as Kiln's status", () => {
    const envelope = cloudEnvelope.parse({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          time: 1764840000,
          changes: [
            {
              field: "message_template_status_update",
              value: {
                event: "REJECTED",
                message_template_id: 42,
                message_template_name: "x",
                reason: "INVALID_FORMAT",
              },
            },
          ],
        },
      ],
    });
    const events = whatsappEvents(envelope);
    expect(events).toEqual([
      expect.objectContaining({ kind: "template_status", eventId: "template:42:REJECTED:1764840000" }),
    ]);
    expect(readTemplateStatus(events[0]!.payload)).toEqual({
      providerTemplateId: "42",
      status: "rejected",
      reason: "INVALID_FORMAT",
    });
  });
});
