import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { TaskRow } from "@/components/approvals/task-row";
import type { ApprovalTask } from "@/components/approvals/types";
import { CATALOGUES, textInLocale } from "./in-locale";

/** A queue row of an AI draft in an email thread: it says email, and the subject it goes out with. */
const task = (conversation: ApprovalTask["conversation"]): ApprovalTask => ({
  id: "00000000-0000-4000-8000-000000000001",
  kind: "message_approval",
  status: "pending",
  payload: { draft: "Hi Noa,\n\nThanks for your message.\n\nBest regards,\nSunny" },
  createdAt: "2026-12-04T10:00:00.000Z",
  expiresAt: null,
  decidedAt: null,
  decidedBy: null,
  decisionNote: null,
  decisionReason: null,
  agent: { id: "00000000-0000-4000-8000-000000000002", name: "Sunny" },
  assigneeId: null,
  lead: { id: "00000000-0000-4000-8000-000000000003", name: "Noa Adler", heatLevel: "warm", bantScore: 40 },
  conversation,
  sentMessageId: null,
});

const row = (locale: keyof typeof CATALOGUES, t: ApprovalTask) =>
  textInLocale(
    locale,
    createElement(TaskRow, {
      task: t,
      selected: false,
      checkable: false,
      checked: false,
      onCheck: () => {},
      onSelect: () => {},
    }),
  );

describe("an email draft in the approvals queue", () => {
  const email = task({
    id: "00000000-0000-4000-8000-000000000004",
    channel: "email",
    mode: "ai",
    email: { subject: "Re: Heat pump for our house" },
  });

  it.each(["en", "de", "he"] as const)("names the channel and the subject in %s", (locale) => {
    const text = row(locale, email);
    expect(text).toContain(CATALOGUES[locale].approvals.channel.email);
    expect(text).toContain("Re: Heat pump for our house");
  });

  it("a WhatsApp draft has no subject", () => {
    const text = row(
      "en",
      task({ id: "00000000-0000-4000-8000-000000000005", channel: "whatsapp", mode: "ai", email: null }),
    );
    expect(text).toContain("WhatsApp");
    expect(text).not.toContain("Re:");
  });
});
