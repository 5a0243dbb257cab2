import { emptyBant } from "@/lib/scoring/bant";
import type { DraftRequest } from "@/lib/ai/types";

export const NOW = "2026-03-10T09:00:00.000Z";

/** A realistic request from the Acme Solar demo organization, with overrides per test. */
export function draftRequest(
  text: string | string[],
  overrides: Partial<Omit<DraftRequest, "agent">> & { agent?: Partial<DraftRequest["agent"]> } = {},
): DraftRequest {
  const texts = Array.isArray(text) ? text : [text];
  const { agent, ...rest } = overrides;
  return {
    orgName: "Acme Solar",
    agent: {
      name: "Sam",
      role: "sales",
      personality: "Friendly, concise, never pushy.",
      business:
        "Acme Solar installs rooftop solar, batteries and EV chargers for Swiss SMEs. Prices are quoted after a site visit.",
      objectives: "Qualify the lead with BANT and book a site visit.",
      language: "en",
      model: null,
      schedulingUrl: "https://cal.example.com/acme/site-visit",
      ...agent,
    },
    lead: { name: "Maya Chen", company: "Chen Logistics", heat: "warm", bant: emptyBant() },
    channel: "email",
    history: [
      {
        direction: "outbound",
        body: "Hi Maya, thanks for your enquiry about solar. What are you planning?",
        at: "2026-03-09T08:00:00.000Z",
      },
      ...texts.map((body, i) => ({ direction: "inbound" as const, body, at: `2026-03-10T08:0${i}:00.000Z` })),
    ],
    now: NOW,
    ...rest,
  };
}
