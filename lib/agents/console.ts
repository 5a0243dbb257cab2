import { aiProvider } from "@/lib/ai";
import type { AiProvider, DraftOutcome } from "@/lib/ai/types";
import { callProvider } from "@/lib/approvals/draft";
import { emptyBant } from "@/lib/scoring";
import { agentBrief } from "./queries";
import type { Agent } from "./types";

/**
 * The agents page's test console: a sample message through the real provider with the
 * agent's prompts, as if a new lead had written it. Reads and writes nothing.
 */
export async function testAgent(
  agent: Agent,
  orgName: string,
  input: { message: string; leadName?: string },
  provider: AiProvider = aiProvider(),
): Promise<DraftOutcome> {
  const now = new Date().toISOString();
  return callProvider(provider, {
    orgName,
    agent: agentBrief(agent),
    lead: { name: input.leadName ?? null, company: null, heat: "cold", bant: emptyBant() },
    channel: "sms",
    history: [{ direction: "inbound", body: input.message, at: now }],
    now,
  });
}
