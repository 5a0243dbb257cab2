import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { translatorOver } from "@/lib/i18n/translator";
import { UTC_FORMAT, heatLine, renderHeatLine, withPoints } from "@/lib/scoring";
import { englishHeatLine } from "@/lib/scoring/english";

const at = "2026-03-06T10:00:00.000Z";
const until = "2026-03-20T10:00:00.000Z";

describe("rendering heat lines", () => {
  it.each([
    [
      heatLine("meeting_floor", { kind: "upcoming", at, until: null, level: "hot", dimensions: [] }),
      "Meeting coming up on 2026-03-06 10:00 UTC: kept at least hot until it takes place",
    ],
    [
      heatLine("meeting_floor", { kind: "pending", at, until, level: "hot", dimensions: [] }),
      "Meeting on 2026-03-06, outcome not recorded yet: kept at least hot until 2026-03-20 10:00 UTC",
    ],
    [
      withPoints(heatLine("meeting_floor", { kind: "held", at, until, level: "hot", dimensions: [] }), 5),
      "Meeting held on 2026-03-06: kept at least hot until 2026-03-20 10:00 UTC (+5)",
    ],
    [
      heatLine("meeting_floor_capped", { kind: "pending", at, until, level: "hot", dimensions: ["timeline"] }),
      "Meeting on 2026-03-06, outcome not recorded yet: not kept at hot with timeline disqualified",
    ],
    [
      heatLine("meeting_floor_ended", { reason: "ended", at, days: 3, level: "hot" }),
      "Meeting on 2026-03-06 no longer keeps the lead at least hot",
    ],
  ])("words a meeting floor line for a reader: %j", (line, text) => {
    expect(englishHeatLine(line)).toBe(text);
  });

  it("a line kind the catalogue does not know shows its text parameter, else nothing, never its key", () => {
    const t = translatorOver(en, "en", "heatLines");
    const unknown = "meeting_floor_from_the_future";
    expect(renderHeatLine(heatLine(unknown, { text: "Written by a newer engine" }), t, UTC_FORMAT)).toBe(
      "Written by a newer engine",
    );
    expect(renderHeatLine(heatLine(unknown, {}), t, UTC_FORMAT)).toBe("");
    // A catalogue that has not caught up with the floor lines yet hides them rather than show a key.
    const { meeting_floor: _, ...older } = en.heatLines;
    const outdated = translatorOver({ heatLines: older }, "en", "heatLines");
    const floor = heatLine("meeting_floor", { kind: "upcoming", at, until: null, level: "hot", dimensions: [] });
    expect(renderHeatLine(floor, outdated, UTC_FORMAT)).toBe("");
  });
});
