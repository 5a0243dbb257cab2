import { describe, expect, it } from "vitest";
import { decodeGmailCursor, encodeGmailCursor } from "@/lib/integrations/google/gmail-cursor";

describe("the Gmail sync cursor", () => {
  it("reads back what it wrote: a history id, or a full sync's start and page", () => {
    for (const cursor of [
      { historyId: "4012" },
      { full: { historyId: "4012", pageToken: null } },
      { full: { historyId: "4012", pageToken: "09876:abc" } },
      { full: { historyId: "4012", pageToken: "2", kind: "full_resync" as const } },
    ])
      expect(decodeGmailCursor(encodeGmailCursor(cursor))).toEqual(cursor);
  });

  it("starts a full sync over from nothing, and from anything it cannot read", () => {
    for (const stored of [
      null,
      "",
      "4012",
      "{",
      '{"historyId":""}',
      '{"historyId":"1","extra":true}',
      '{"full":{}}',
      '{"full":{"historyId":"1","pageToken":null,"kind":"incremental"}}',
    ])
      expect(decodeGmailCursor(stored)).toBeNull();
  });
});
