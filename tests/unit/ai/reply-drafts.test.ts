import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  evaluateReplies,
  matches,
  parseReplyFixtures,
  scoreReplies,
  toDraftRequest,
  type ReplyFixture,
} from "@/lib/ai/eval-replies";
import { policyViolations } from "@/lib/ai/policy";
import { localProvider } from "@/lib/ai/providers/local";

/**
 * The offline drafts measured on conversation fixtures (tests/fixtures/conversations/drafts.jsonl):
 * facts each reply must contain (the booked meeting's weekday, the business prompt's opening
 * hours) and must not (a budget question when the budget is known, a made-up price).
 * Measured with the local provider: must 96.1 % overall (en 96.4, de 97.4, he 93.8), must-not
 * 99.3 % (the misses are messages the rules misread, e.g. a Hebrew refusal read as interest).
 */
const FIXTURES = path.resolve(__dirname, "../../fixtures/conversations/drafts.jsonl");
const fixtures = parseReplyFixtures(readFileSync(FIXTURES, "utf8"), FIXTURES);

const FLOOR = { must: 0.95, mustPerLanguage: 0.9, mustNot: 0.98, mustNotPerLanguage: 0.95 };

describe("offline drafts on the conversation fixtures", () => {
  it("cover at least 40 conversations in English, German and Hebrew", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const lang of ["en", "de", "he"]) expect(fixtures.filter((f) => f.lang === lang).length).toBeGreaterThan(10);
  });

  it("contain the facts they must and avoid what they must not, above the measured floor in every language", async () => {
    const provider = localProvider();
    const report = await evaluateReplies(fixtures, (request) => provider.draft(request));
    const failures = report.failures.map((f) => `${f.id} ${f.kind} ${f.pattern}`).join("\n");
    expect(report.failedDrafts).toEqual([]);
    expect(report.all.must.rate, failures).toBeGreaterThanOrEqual(FLOOR.must);
    expect(report.all.mustNot.rate, failures).toBeGreaterThanOrEqual(FLOOR.mustNot);
    for (const [lang, group] of Object.entries(report.byLang)) {
      expect(group.must.rate, `${lang}\n${failures}`).toBeGreaterThanOrEqual(FLOOR.mustPerLanguage);
      expect(group.mustNot.rate, `${lang}\n${failures}`).toBeGreaterThanOrEqual(FLOOR.mustNotPerLanguage);
    }
  }, 30_000);
});

describe("offline drafts and the reply policy", () => {
  it("every fixture's draft passes the policy an OpenAI draft must pass (length, no discounts, no foreign links)", async () => {
    const provider = localProvider();
    const violations: string[] = [];
    for (const fixture of fixtures) {
      const request = toDraftRequest(fixture);
      const outcome = await provider.draft(request);
      if (outcome.ok) violations.push(...policyViolations(outcome.result, request).map((v) => `${fixture.id}: ${v}`));
    }
    expect(violations).toEqual([]);
  }, 30_000);
});

describe("the reply scorer", () => {
  const fixture = (over: Partial<ReplyFixture>): ReplyFixture => ({ ...fixtures[0]!, ...over });

  it("reads a check as a case-insensitive substring, or as a regular expression when written /…/", () => {
    expect(matches("Your site visit is booked for Tuesday", "tuesday")).toBe(true);
    expect(matches("Prices are quoted after a visit", "/CHF\\s?\\d/")).toBe(false);
    expect(matches("about CHF 9000", "/chf\\s?\\d/")).toBe(true);
  });

  it("reports pass rates per language and counts a missing draft as failing all its checks", () => {
    const en = fixture({ id: "a", lang: "en", must: ["booked"], mustNot: ["budget"] });
    const he = fixture({ id: "b", lang: "he", must: ["נתראה"], mustNot: ["?"] });
    const report = scoreReplies([
      { fixture: en, reply: "Your visit is booked. What budget do you have?" },
      { fixture: he, reply: null },
    ]);
    expect(report.byLang.en).toMatchObject({ fixtures: 1, perfect: 0, must: { rate: 1 }, mustNot: { rate: 0 } });
    expect(report.byLang.he).toMatchObject({ fixtures: 1, must: { passed: 0, total: 1 }, mustNot: { passed: 0 } });
    expect(report.failedDrafts).toEqual(["b"]);
    expect(report.all.must).toMatchObject({ passed: 1, total: 2, rate: 0.5 });
  });

  it("names the line of a fixture that does not parse", () => {
    expect(() => parseReplyFixtures('{"id":"x","lang":"fr"}', "bad.jsonl")).toThrow(/bad\.jsonl:1/);
    expect(() => parseReplyFixtures('\n{"id":', "bad.jsonl")).toThrow("bad.jsonl:2: not JSON");
  });
});
