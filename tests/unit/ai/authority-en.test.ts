import { describe, expect, it } from "vitest";
import { analyzeMessage } from "@/lib/ai/extract";
import { NOW } from "./helpers";

const now = new Date(NOW);
const authority = (text: string) => analyzeMessage(text, { now, lang: "en" }).bant.authority?.status ?? "unknown";

describe("English authority by category", () => {
  it.each([
    ["We're a family-run farm shop, I do the buying. Looking for a card terminal that works offline.", "confirmed"],
    ["I head up the marketing department and the budget's mine to spend.", "confirmed"],
    ["My son set up this enquiry, but I'm the one who owns the house and I'll be paying.", "confirmed"],
    ["I'm a retired homeowner and I'll be paying myself.", "confirmed"],
    ["Hi, do you service roasters?\n\nKind regards,\nTom Fielding\nFounder\nFielding Coffee Roasters", "confirmed"],
    ["I'll be making the decision along with our operations manager.", "partial"],
    ["Final approval sits with our parent company in Germany.", "partial"],
    ["Any decision like this goes through the parish council, they meet monthly.", "partial"],
    ["The decision will be made by our head office in Manchester.", "partial"],
    ["Our treasurer and chair both have to sign for anything over £500.", "partial"],
    ["I'm the office manager; I've been asked to collect three quotes and the directors will pick one.", "partial"],
    ["As chair of the residents' association I'll take this to the committee; they vote on all spending.", "partial"],
    ["I can recommend it to the management but I can't sign anything myself.", "partial"],
    ["Not my call I'm afraid, IT decides what software we buy.", "disqualified"],
    ["Sorry, wrong person - I left the company in October.", "disqualified"],
  ] as const)("%s → %s", (text, status) => {
    expect(authority(text)).toBe(status);
  });
});
