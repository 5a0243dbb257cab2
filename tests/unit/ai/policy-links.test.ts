import { describe, expect, it } from "vitest";
import { findLinks, policyViolations } from "@/lib/ai/policy";
import type { DraftResult } from "@/lib/ai/types";
import { draftRequest } from "./helpers";

/** The reply policy's link rule: links without a scheme count as links too, and only the organization's own are allowed. */

const result = (reply: string): DraftResult => ({
  reply,
  bant: { budget: null, authority: null, need: null, timeline: null },
  intent: "other",
  heat: "warm",
  confidence: 0.8,
  injection: false,
});
const linkProblems = (reply: string, agent = {}) =>
  policyViolations(result(reply), draftRequest("Hi", { agent })).filter((p) => p.includes("link"));

describe("links without a scheme", () => {
  it.each([
    ["a host with a path", "Please pay at evil.example/pay today."],
    ["a www. host", "More at www.evil.example"],
    ["a link shortener", "Details: bit.ly/x"],
    ["a bare domain with a real top-level domain", "Just go to evil.com."],
    ["a host with a port", "Open evil.example:8080 now"],
    ["a host in parentheses", "(see evil.example/offer)"],
    ["an IP address with a scheme", "Upload it to http://10.0.0.1/drop"],
  ])("a reply with %s is refused", (_label, reply) => {
    expect(linkProblems(reply)).toHaveLength(1);
  });

  it("the scheduling link is allowed with or without its scheme", () => {
    expect(linkProblems("Book here: https://cal.example.com/acme/site-visit.")).toEqual([]);
    expect(linkProblems("Book here: cal.example.com/acme/site-visit")).toEqual([]);
    expect(linkProblems("Book here: www.cal.example.com/acme/site-visit")).toEqual([]);
    expect(linkProblems("Book here: cal.example.com/someone-else")).toHaveLength(1);
  });

  it("the organization's own site, linked in its own prompts, is allowed in any form", () => {
    const agent = { business: "Acme Solar (https://www.acme-solar.ch) installs rooftop solar." };
    expect(linkProblems("See acme-solar.ch/batteries for our batteries.", agent)).toEqual([]);
    expect(linkProblems("See https://acme-solar.ch/faq", agent)).toEqual([]);
    expect(linkProblems("See acme-solar.ch.evil.example/faq", agent)).toHaveLength(1);
    expect(linkProblems("See https://acme-solar.ch@evil.example/faq", agent)).toHaveLength(1);
  });

  it("words with dots, email addresses and numbers are not links", () => {
    expect(findLinks("Node.js, e.g. version 2.0, costs 3.5k. Mail info@acme-solar.ch or call us.")).toEqual([]);
  });
});
