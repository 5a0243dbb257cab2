import { describe, expect, it } from "vitest";
import { DECISION_NOTE_KINDS, decisionReason, renderDecisionNote, storedDecisionReason } from "@/lib/approvals/notes";
import { translatorFor } from "@/lib/i18n/translator";

const en = translatorFor("en", "approvals");

describe("decision notes", () => {
  it("every kind has an English message that names the person where there is one", () => {
    const worded = DECISION_NOTE_KINDS.map((kind) =>
      renderDecisionNote(null, decisionReason(kind, { name: "Dana" }), en),
    );
    expect(worded.join(" ")).not.toMatch(/approvals\.|decisionNotes\./);
    expect(worded).toContain("Dana took over the conversation.");
    expect(worded).toContain("Dana replied in the conversation.");
    expect(renderDecisionNote(null, decisionReason("taken_over"), en)).toBe("someone took over the conversation.");
  });

  it("a reviewer's own note is shown as written, ICU syntax and all", () => {
    expect(renderDecisionNote("Not {yet}: prices after the visit", null, en)).toBe("Not {yet}: prices after the visit");
  });

  it("a stored kind this code does not know, or parameters of another shape, show nothing rather than a guess", () => {
    expect(storedDecisionReason("sent_by_pigeon", {})).toBeNull();
    expect(storedDecisionReason(null, {})).toBeNull();
    expect(storedDecisionReason("person_replied", { name: "Dana", extra: { nested: true } })).toEqual({
      kind: "person_replied",
      params: { name: "Dana" },
    });
    expect(renderDecisionNote(null, null, en)).toBeNull();
  });
});
