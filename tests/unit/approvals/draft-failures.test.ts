import { describe, expect, it } from "vitest";
import { DRAFT_FAILURES } from "@/lib/ai/failures";
import { DYNAMIC_KEYS } from "@/lib/i18n/dynamic-keys";
import { translatorFor } from "@/lib/i18n/translator";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";

/** Why no draft was written: one list for the code, the notification and the catalogue. */
describe("draft failure reasons", () => {
  it("the catalogue check and the notification renderer read the one exported list", () => {
    expect(DYNAMIC_KEYS["approvals.review.reasons"]).toBe(DRAFT_FAILURES);
    expect(DYNAMIC_KEYS["notificationTexts.approval_requested.failure"]).toBe(DRAFT_FAILURES);
  });

  it("every reason is worded in the approval_requested notification in each language, an unknown one as the general error", () => {
    for (const locale of ["en", "de", "he"]) {
      const t = translatorFor(locale, "notificationTexts");
      const message = (failure: string) =>
        renderNotification(
          "approval_requested",
          { failure, leadName: "Dana", agentName: null },
          t,
          heatLineTextFor(locale, "UTC"),
        ).message;
      const worded = DRAFT_FAILURES.map(message);
      expect(worded.join(" ")).not.toMatch(/notificationTexts\./);
      expect(new Set(worded).size).toBe(DRAFT_FAILURES.length);
      expect(message("something_new")).toBe(message("error"));
    }
  });
});
